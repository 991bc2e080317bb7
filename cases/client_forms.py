from django import forms
from django.utils import timezone

from cases.form_layout import DateInput, FieldsetsMixin, VersionField
from cases.models import Client


class ClientForm(FieldsetsMixin, forms.ModelForm):
    version = VersionField(required=False)

    fieldsets = [
        (
            "Who the client is",
            [
                "record_number",
                "given_name",
                "family_name",
                "preferred_name",
                "date_of_birth",
                "pronouns",
            ],
        ),
        ("Contact", ["phone", "email", "emergency_contact", "gp_contact"]),
        ("Referral and consent", ["referral_source", "referral_date", "consent_date"]),
    ]

    class Meta:
        model = Client
        fields = [
            "record_number",
            "given_name",
            "family_name",
            "preferred_name",
            "date_of_birth",
            "pronouns",
            "phone",
            "email",
            "emergency_contact",
            "gp_contact",
            "referral_source",
            "referral_date",
            "consent_date",
        ]
        widgets = {
            "date_of_birth": DateInput(),
            "referral_date": DateInput(),
            "consent_date": DateInput(),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "emergency_contact": forms.Textarea(attrs={"rows": 2}),
            "gp_contact": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "preferred_name": "What the client likes to be called, if not their given name.",
            "consent_date": "The date the client's consent to treatment was recorded.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.fields["version"].required = True

    def clean_date_of_birth(self):
        dob = self.cleaned_data["date_of_birth"]
        if dob and dob > timezone.localdate():
            raise forms.ValidationError("A date of birth cannot be in the future.")
        return dob

    def _not_future(self, name: str):
        day = self.cleaned_data.get(name)
        if day and day > timezone.localdate():
            raise forms.ValidationError("This date is in the future.")
        return day

    def clean_referral_date(self):
        return self._not_future("referral_date")

    def clean_consent_date(self):
        return self._not_future("consent_date")

    def clean_record_number(self):
        return self.cleaned_data["record_number"].strip()


class ArchiveClientForm(forms.Form):
    reason = forms.CharField(
        label="Why is this client being archived?",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: course completed and discharged, moved out of area.",
    )
