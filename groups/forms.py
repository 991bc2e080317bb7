"""The group-session page's forms: one for the group note, one per member (prefixed)."""

from django import forms

from groups.models import GroupSession
from sessions.models import Attendance, RiskLevel

ATTENDANCE_CHOICES = [
    (Attendance.ATTENDED, "Attended"),
    (Attendance.DID_NOT_ATTEND, "Did not attend"),
    (Attendance.CANCELLED_CLIENT, "Sent apologies"),
]
RISK_ASKED_CHOICES = [("", "Not recorded"), ("yes", "Asked"), ("no", "Not asked")]


class GroupNoteForm(forms.ModelForm):
    class Meta:
        model = GroupSession
        fields = ["theme", "exercises", "group_process"]
        labels = {"theme": "Theme of the session"}
        help_texts = {
            "exercises": "What the group did together: check-in, role play, problem solving.",
            "group_process": "How members worked together. First names only, and nothing "
            "clinical about one member (risk, symptoms): that goes in their own entry below. "
            "This note is shown in every member's record with other members' surnames removed.",
        }
        widgets = {
            "exercises": forms.Textarea(attrs={"rows": 3}),
            "group_process": forms.Textarea(attrs={"rows": 4}),
        }


class MemberEntryForm(forms.Form):
    """One member's part of the meeting; ``prefix`` keeps members' fields apart."""

    attendance = forms.ChoiceField(choices=ATTENDANCE_CHOICES, initial=Attendance.ATTENDED)
    note = forms.CharField(
        label="Short note",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Their mood and what they brought to the group.",
    )
    problem_area_work = forms.CharField(
        label="Work on their problem area",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    next_task = forms.CharField(
        label="Their task for next week",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    risk_asked = forms.ChoiceField(
        label="Suicidal thoughts asked about", choices=RISK_ASKED_CHOICES, required=False
    )
    risk_level = forms.ChoiceField(
        label="Risk level",
        choices=[("", "Not rated"), *RiskLevel.choices],
        required=False,
        help_text="Moderate or high opens a risk flag in the member's own record.",
    )

    def __init__(self, *args, autosave: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # An autosave stores a high rating at once (its risk flag must open now), before the
        # facilitator has had time to write what was done: signing asks for that note instead.
        self.autosave = autosave

    def clean(self):
        data = super().clean()
        if self.autosave:
            return data
        if data.get("risk_level") == RiskLevel.HIGH and not data.get("note", "").strip():
            self.add_error("note", "High risk: write what was done about it.")
        return data

    def note_fields(self) -> dict:
        data = self.cleaned_data
        asked = {"yes": True, "no": False}.get(data.get("risk_asked", ""))
        return {
            "note": data.get("note", ""),
            "next_task": data.get("next_task", ""),
            "risk_asked": asked,
            "risk_level": data.get("risk_level", ""),
        }


def member_initial(session, entry) -> dict:
    """A member's saved entry as the form's starting values."""
    attendance = session.attendance
    return {
        "attendance": attendance if attendance != Attendance.SCHEDULED else Attendance.ATTENDED,
        "note": session.note,
        "problem_area_work": entry.problem_area_work if entry else "",
        "next_task": session.next_task,
        "risk_asked": {True: "yes", False: "no"}.get(session.risk_asked, ""),
        "risk_level": session.risk_level,
    }
