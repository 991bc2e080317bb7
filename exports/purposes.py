"""Why data leaves the service: every export names its purpose, and the audit row keeps it."""

from django import forms


class Purpose(forms.Form):
    """The purpose of one disclosure: a reason from the list, and words when it is "other"."""

    REASONS = [
        ("transfer_of_care", "Transfer of care to another service"),
        ("gp_record", "Update of the GP or hospital record"),
        ("continuity", "Continuity of care within the service"),
        ("client_request", "At the client's request"),
        ("other", "Other (say why)"),
    ]

    reason = forms.ChoiceField(label="Purpose of this export", choices=REASONS)
    detail = forms.CharField(
        label="Details",
        required=False,
        max_length=300,
        help_text="Needed when the purpose is 'Other'. Do not write clinical details here.",
    )

    def clean(self):
        data = super().clean()
        if data.get("reason") == "other" and not (data.get("detail") or "").strip():
            self.add_error("detail", "Say why the data is leaving the service.")
        return data

    @property
    def stated(self) -> str:
        label = dict(self.REASONS)[self.cleaned_data["reason"]]
        detail = (self.cleaned_data.get("detail") or "").strip()
        return f"{label}: {detail}" if detail else label
