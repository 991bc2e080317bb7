"""Forms for opening a maintenance course and recording a booster session. They validate;
``sessions.maintenance`` decides and writes."""

import datetime

from django import forms

from cases.clinical_dates import ClinicalDateField
from cases.course_kinds import Cadence
from cases.phases import MAINTENANCE_MAX_SESSIONS, MAINTENANCE_MIN_SESSIONS
from sessions.boosters import BoosterSession


class MaintenanceCourseForm(forms.Form):
    cadence_weeks = forms.TypedChoiceField(
        label="How often the sessions are held",
        choices=Cadence.choices,
        coerce=int,
        initial=Cadence.MONTHLY,
        widget=forms.RadioSelect,
        help_text="Monthly unless you and the client agreed otherwise.",
    )
    planned_sessions = forms.IntegerField(
        label="Number of maintenance sessions",
        min_value=MAINTENANCE_MIN_SESSIONS,
        max_value=MAINTENANCE_MAX_SESSIONS,
        initial=6,
        help_text=f"{MAINTENANCE_MIN_SESSIONS} to {MAINTENANCE_MAX_SESSIONS} sessions.",
        error_messages={
            "min_value": "A maintenance course plans at least %(limit_value)s sessions.",
            "max_value": "A maintenance course plans at most %(limit_value)s sessions.",
        },
    )
    start_date = ClinicalDateField(
        label="Date of the first maintenance session",
        future=True,
    )
    usual_time = forms.TimeField(
        label="Usual time",
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )

    def __init__(self, *args, acute, **kwargs):
        super().__init__(*args, **kwargs)
        self.acute = acute
        ended = acute.clinical_end or acute.start_date
        self.fields["start_date"].initial = ended + datetime.timedelta(weeks=Cadence.MONTHLY)
        self.fields["usual_time"].initial = acute.usual_time

    def clean_start_date(self) -> datetime.date:
        start = self.cleaned_data["start_date"]
        ended = self.acute.clinical_end or self.acute.start_date
        if start < ended:
            raise forms.ValidationError(
                f"The acute course ended on {ended:%d %b %Y}; start the maintenance course after it."
            )
        return start


class BoosterForm(forms.ModelForm):
    held_on = ClinicalDateField(label="Date held")

    class Meta:
        model = BoosterSession
        fields = [
            "held_on",
            "duration_minutes",
            "reason",
            "focal_area_review",
            "warning_signs_noticed",
            "relapse_plan_reviewed",
            "risk_asked",
            "risk_level",
            "risk_action",
            "note",
        ]
        help_texts = {
            "risk_level": "A moderate or high rating opens a risk flag on this course at once. "
            "If the risk is high, make the client safe first: crisis support, psychiatric "
            "review and a safety plan.",
            "risk_action": "Required when the risk is high.",
        }
        widgets = {
            "risk_level": forms.RadioSelect,
            "risk_action": forms.Textarea(attrs={"rows": 2}),
            "duration_minutes": forms.NumberInput(attrs={"min": 1, "max": 240}),
            "reason": forms.Textarea(attrs={"rows": 2}),
            "focal_area_review": forms.Textarea(attrs={"rows": 3}),
            "warning_signs_noticed": forms.Textarea(attrs={"rows": 3}),
            "note": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, **kwargs)
        self.course = course
        # The radio list without the empty "---------" choice: unrated is "not asked".
        self.fields["risk_level"].choices = self.fields["risk_level"].choices[1:]

    def clean(self) -> dict:
        """Risk is rated when it was asked, as a session note requires before signing."""
        data = super().clean()
        asked, level = data.get("risk_asked"), data.get("risk_level")
        if asked and not level:
            self.add_error("risk_level", "Choose the risk level you assessed.")
        if level and not asked:
            self.add_error("risk_asked", "Tick this if you asked; a rating needs the question.")
        if level == "high" and not data.get("risk_action", "").strip():
            self.add_error("risk_action", "Say what was done about the high risk.")
        return data

    def clean_held_on(self) -> datetime.date:
        held_on = self.cleaned_data["held_on"]
        ended = self.course.clinical_end or self.course.start_date
        if held_on < ended:
            raise forms.ValidationError(
                f"The course ended on {ended:%d %b %Y}; a booster is held after that."
            )
        return held_on

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}
