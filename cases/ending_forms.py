"""The forms of a course's ending: complete (with the decision), end early, reopen.

Their rules are the services' own (``cases.endings``), so a form error and a refused crafted
POST say the same thing.
"""

from django import forms

from cases import endings as rules
from cases.form_layout import VersionField
from cases.models import Course
from cases.models.courses import EndReason
from cases.models.endings import MAX_EXTRA_SESSIONS, NextStep


class EndingForm(forms.Form):
    version = VersionField()
    decision = forms.ChoiceField(label="What happens next", required=False)
    extra_sessions = forms.IntegerField(
        label="Sessions to add",
        required=False,
        min_value=1,
        max_value=MAX_EXTRA_SESSIONS,
        help_text=f"Only when extending: 1 to {MAX_EXTRA_SESSIONS}. The course stays active.",
    )
    decision_reason = forms.CharField(
        label="Reason for the decision",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What the scores and the client's view led you to decide, and what was agreed.",
    )

    def __init__(self, *args, course: Course, outcome, **kwargs):
        super().__init__(*args, **kwargs)
        self.course = course
        self.outcome = outcome
        self.decision_needed = rules.needs_decision(outcome)
        empty = "Choose a decision" if self.decision_needed else "Nothing further is needed"
        self.fields["decision"].choices = [("", empty), *NextStep.choices]
        self.fields["decision"].required = self.decision_needed
        self.fields["decision"].error_messages["required"] = (
            f"The outcome is '{outcome.outcome.summary.lower()}', not reliable recovery: "
            "decide what happens next."
        )
        self.fields["version"].initial = course.version

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        errors = rules.decision_errors(
            self.course,
            self.outcome,
            data.get("decision") or "",
            data.get("extra_sessions"),
            data.get("decision_reason") or "",
        )
        for field, message in errors.items():
            self.add_error(field, message)
        return data


class EndEarlyForm(forms.Form):
    version = VersionField()
    reason = forms.ChoiceField(
        label="Why is the course ending early?",
        choices=[("", "Choose a reason")] + EndReason.choices,
    )
    note = forms.CharField(
        label="What happened",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed when the reason is 'Other'; useful in every case.",
    )
    handover_told = forms.CharField(
        label="Who was told about the open risk",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say who was told about the open risk."},
        help_text="Names and roles, and how: for example the GP by phone, the crisis team.",
    )
    handover_arranged = forms.CharField(
        label="What was arranged",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what was arranged for the client's safety."},
        help_text="Who follows the client up, when, and what the client was given.",
    )

    def __init__(self, *args, course: Course, flags: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = course.version
        self.flags = flags
        if not flags:
            del self.fields["handover_told"]
            del self.fields["handover_arranged"]

    def clean(self):
        data = super().clean()
        if data.get("reason") == EndReason.OTHER and not (data.get("note") or "").strip():
            self.add_error("note", "Describe the reason when it is 'Other'.")
        return data


class ReopenForm(forms.Form):
    version = VersionField()
    reason = forms.CharField(
        label="Why is the course being reopened?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the course is being reopened."},
        help_text="Kept with the course's history and in the audit trail.",
    )

    def __init__(self, *args, course: Course, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = course.version
