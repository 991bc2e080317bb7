from django import forms

from cases.phases import PHASE_LABELS


class CaseloadFilterForm(forms.Form):
    """The caseload's search box and phase filter (GET, so every view of it is bookmarkable)."""

    q = forms.CharField(label="Name or record number", required=False, max_length=100, strip=True)
    phase = forms.ChoiceField(
        label="Phase",
        required=False,
        choices=[("", "All phases")] + list(PHASE_LABELS.items()),
    )

    def filters(self) -> tuple[str, str]:
        """(search text, phase), ignoring anything malformed rather than failing the page."""
        if not self.is_valid():
            return "", ""
        return self.cleaned_data["q"], self.cleaned_data["phase"]
