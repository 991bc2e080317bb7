from django import forms

from cases.clinical_dates import ClinicalDateField
from cases.form_layout import DateInput, FieldsetsMixin, VersionField
from cases.models import Client

# Record numbers are unique across the service (one person, one record), so a clash must be
# refused; the message is the same whoever holds the number and names no one (F7).
RECORD_NUMBER_IN_USE = (
    "This record number cannot be used. Check it against the referral; if it is right, ask "
    "the service administrator, who can see whether the client is already registered."
)


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
        error_messages = {"record_number": {"unique": RECORD_NUMBER_IN_USE}}
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

    def refused_record_number(self) -> str | None:
        """The record number typed, when it was refused as already in use."""
        errors = self.errors.as_data().get("record_number", [])
        if any(error.code == "unique" for error in errors):
            return self.data.get("record_number", "").strip()
        return None

    def refuse_record_number(self) -> None:
        """For a clash found only at save time (two registrations at once)."""
        self.add_error("record_number", forms.ValidationError(RECORD_NUMBER_IN_USE, code="unique"))


class ArchiveClientForm(forms.Form):
    reason = forms.CharField(
        label="Why is this client being archived?",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: course completed and discharged, moved out of area.",
    )
