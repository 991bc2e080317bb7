"""The focal-area worksheets: which questions each area asks, and the form that checks answers.

Answers are stored as a JSON dict per area on ``Formulation.worksheet`` so switching the primary
area back and forth never loses what was written for another area.
"""

from dataclasses import dataclass

from django import forms

from cases.clinical_dates import ClinicalDateField
from cases.focal_areas import FocalArea

DISPUTE_STAGES = [
    ("", "Not decided yet"),
    ("renegotiation", "Renegotiation: still talking, trying to change things"),
    ("impasse", "Impasse: talking has stopped, resentment is building"),
    ("dissolution", "Dissolution: one or both want to end the relationship"),
]


@dataclass(frozen=True)
class Question:
    key: str
    label: str
    help: str = ""
    kind: str = "text"  # text (several lines), line (one line), date, stage


WORKSHEETS: dict[str, tuple[Question, ...]] = {
    FocalArea.GRIEF: (
        Question("who_died", "Who died", kind="line"),
        Question("died_on", "When they died", kind="date"),
        Question(
            "relationship", "The relationship", "What they were to each other, good and hard."
        ),
        Question("circumstances", "Circumstances of the death"),
        Question("day_to_day", "What they meant day to day"),
        Question(
            "unfinished", "Unfinished conversations", "What was never said, asked or settled."
        ),
        Question(
            "ambivalence", "Ambivalent feelings", "Anger, guilt, relief alongside the sadness."
        ),
        Question("restoration", "Steps back into life", "Renewed contact, activities, new ties."),
    ),
    FocalArea.ROLE_DISPUTE: (
        Question("other_person", "The other person", kind="line"),
        Question("stage", "Stage of the dispute", kind="stage"),
        Question("client_expectations", "What the client expects"),
        Question("other_expectations", "What the other person expects"),
        Question("wants", "What each of them wants to change"),
        Question("options", "Options", "Negotiate, accept, or end; what each would take."),
        Question("decision", "Decision so far"),
    ),
    FocalArea.ROLE_TRANSITION: (
        Question("old_role", "The old role", kind="line"),
        Question("new_role", "The new role", kind="line"),
        Question("losses", "What was lost"),
        Question("gains", "What the new role offers"),
        Question("skills_supports", "Skills and supports needed"),
        Question("practice", "Practice steps"),
    ),
    FocalArea.INTERPERSONAL_DEFICITS: (
        Question("patterns", "Recurring patterns", "How relationships tend to start, go and end."),
        Question("past_lessons", "What past relationships teach"),
        Question("social_goals", "Social goals"),
        Question("practice", "Graded practice steps", "Small, concrete, in order of difficulty."),
        Question("therapy_relationship", "The therapy relationship as a model"),
    ),
}


FUTURE_DATE = "This date is in the future: record it once it has happened."
FUTURE_DATES = {"died_on": "A date of death cannot be in the future."}


class WorksheetForm(forms.Form):
    """One field per question of ``area``; every answer optional until the formulation is shared."""

    def __init__(self, *args, area: str, **kwargs):
        kwargs.setdefault("prefix", "ws")
        super().__init__(*args, **kwargs)
        self.area = area
        for q in WORKSHEETS.get(area, ()):
            if q.kind == "date":
                # A death or a change in someone's life may predate the client's birth.
                field = ClinicalDateField(future_message=FUTURE_DATES.get(q.key, FUTURE_DATE))
            elif q.kind == "stage":
                field = forms.ChoiceField(choices=DISPUTE_STAGES)
            elif q.kind == "line":
                field = forms.CharField(max_length=200)
            else:
                field = forms.CharField(max_length=3000, widget=forms.Textarea(attrs={"rows": 3}))
            field.required = False
            field.label = q.label
            field.help_text = q.help
            self.fields[q.key] = field

    def answers(self) -> dict[str, str]:
        """The cleaned answers as JSON-friendly strings, empty ones dropped."""
        out = {}
        for key, value in self.cleaned_data.items():
            if value in (None, ""):
                continue
            out[key] = value.isoformat() if hasattr(value, "isoformat") else value.strip()
        return out


def worksheet_rows(area: str, answers: dict) -> list[tuple[str, str]]:
    """(label, answer) pairs in the worksheet's order, for read-only pages and the PDF."""
    stages = dict(DISPUTE_STAGES)
    rows = []
    for q in WORKSHEETS.get(area, ()):
        value = answers.get(q.key, "")
        if q.kind == "stage":
            value = stages.get(value, "") if value else ""
        rows.append((q.label, value))
    return rows
