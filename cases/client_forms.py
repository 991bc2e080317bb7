from django import forms

from cases.clinical_dates import ClinicalDateField
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
        field_classes = {
            "date_of_birth": ClinicalDateField,
            "referral_date": ClinicalDateField,
            "consent_date": ClinicalDateField,
        }
        help_texts = {
            "preferred_name": "What the client likes to be called, if not their given name.",
            "consent_date": "The date the client's consent to treatment was recorded.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date_of_birth"].future_message = "A date of birth cannot be in the future."
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.fields["version"].required = True

    def clean(self):
        data = super().clean()
        born = data.get("date_of_birth")
        for name in ("referral_date", "consent_date"):
            day = data.get(name)
            if born and day and day < born:
                self.add_error(name, f"This is before the client was born ({born:%-d %B %Y}).")
        return data

    def clean_record_number(self):
        return self.cleaned_data["record_number"].strip()


class ArchiveClientForm(forms.Form):
    reason = forms.CharField(
        label="Why is this client being archived?",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: course completed and discharged, moved out of area.",
    )
