"""Forms of a subject access request: opening it, and the redaction review."""

from django import forms

from cases.form_layout import DateInput
from exports.models import SubjectAccessRequest


class OpenRequestForm(forms.ModelForm):
    class Meta:
        model = SubjectAccessRequest
        fields = ["reference", "received_on"]
        widgets = {"received_on": DateInput()}


class RedactionForm(forms.Form):
    """One "withhold" box and one reason per record that must be reviewed before release."""

    def __init__(self, reviewable: list[tuple[str, str, str]], withheld: list[dict], *args, **kw):
        super().__init__(*args, **kw)
        reasons = {item["record"]: item["reason"] for item in withheld}
        self.rows = []
        for index, (key, kind, summary) in enumerate(reviewable):
            box, why = f"withhold_{index}", f"reason_{index}"
            self.fields[box] = forms.BooleanField(
                label="Withhold this record", required=False, initial=key in reasons
            )
            self.fields[why] = forms.CharField(
                label="Reason for withholding",
                required=False,
                max_length=300,
                initial=reasons.get(key, ""),
            )
            self.rows.append((key, kind, summary, box, why))

    def clean(self):
        cleaned = super().clean()
        for _key, _kind, _summary, box, why in self.rows:
            if cleaned.get(box) and not (cleaned.get(why) or "").strip():
                self.add_error(why, "Give the reason this is withheld.")
        return cleaned

    def withheld(self) -> list[dict]:
        return [
            {"record": key, "kind": kind, "reason": self.cleaned_data[why].strip()}
            for key, kind, _summary, box, why in self.rows
            if self.cleaned_data.get(box)
        ]

    def bound_rows(self):
        return [(kind, summary, self[box], self[why]) for _k, kind, summary, box, why in self.rows]
