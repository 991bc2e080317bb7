"""The service administrator's choices for a dataset extract."""

from django import forms
from django.utils import timezone

from exports.fhir_period import last_full_quarter
from supervision.service_forms import ServicePeriodForm


class ExtractForm(ServicePeriodForm):
    """The period (as on the service figures page) and, for an identifiable extract, why."""

    REASONS = [
        ("", "Choose a purpose"),
        ("national_return", "Submission of the national return"),
        ("data_quality", "Checking data quality with the clinical team"),
        ("clinical_audit", "Local clinical audit approved by the service"),
        ("other", "Other (say why)"),
    ]

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.fields["identifiable"] = forms.BooleanField(
            label="Include names, record numbers and dates of birth",
            required=False,
            help_text="Leave this off unless the purpose needs people to be identified.",
        )
        self.fields["purpose"] = forms.ChoiceField(
            label="Purpose of an identifiable extract", choices=self.REASONS, required=False
        )
        self.fields["purpose_detail"] = forms.CharField(
            label="Details of the purpose", required=False, max_length=300
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("identifiable"):
            if not cleaned.get("purpose"):
                self.add_error("purpose", "An identifiable extract needs a stated purpose.")
            elif cleaned["purpose"] == "other" and not cleaned.get("purpose_detail", "").strip():
                self.add_error("purpose_detail", "Say why people need to be identified.")
        return cleaned

    @property
    def stated_purpose(self) -> str:
        if not self.cleaned_data.get("identifiable"):
            return "Pseudonymised extract"
        label = dict(self.REASONS)[self.cleaned_data["purpose"]]
        detail = self.cleaned_data.get("purpose_detail", "").strip()
        return f"{label}: {detail}" if detail else label


class FhirPeriodForm(ServicePeriodForm):
    """The period of the service's FHIR export: the last full quarter unless chosen otherwise."""

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        start, end = last_full_quarter(timezone.localdate())
        self.fields["from"].initial, self.fields["to"].initial = start, end
