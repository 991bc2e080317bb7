"""Forms for recording a session. They validate; the services decide and write."""

import datetime

from django import forms
from django.utils import timezone

from cases.clinical_dates import ClinicalDateField, set_birth_date
from cases.focal_areas import FocalArea
from inventory.models import Person
from sessions import focal_prompts
from sessions.models import (
    Attendance,
    CommunicationAnalysis,
    DecisionAnalysis,
    FocalAreaWork,
    FollowUpPlan,
    RelapsePreventionPlan,
    RolePlay,
    Session,
)
from sessions.people_choices import read_once
from sessions.services import NOTE_FIELDS
from sessions.techniques import TECHNIQUES

RECORDED_ATTENDANCE = [(v, label) for v, label in Attendance.choices if v != Attendance.SCHEDULED]
YES_NO = [("", "Not recorded"), ("yes", "Yes, asked directly"), ("no", "No")]


class AttendanceForm(forms.Form):
    attendance = forms.ChoiceField(choices=RECORDED_ATTENDANCE, widget=forms.RadioSelect)
    held_on = ClinicalDateField(
        label="Date",
        future_message="This date is in the future. Record a session on or after the day it happened.",
    )
    held_time = forms.TimeField(
        label="Time", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    duration_minutes = forms.IntegerField(
        label="Duration (minutes)", min_value=1, max_value=240, required=False
    )
    follow_up_action = forms.CharField(
        label="Follow-up action",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="After a missed appointment: how you will re-engage the client "
        "(call, letter, offer a new time).",
    )

    def __init__(self, *args, session: Session, **kwargs):
        self.session = session
        super().__init__(*args, **kwargs)
        set_birth_date(self, session.course.client.date_of_birth)

    def clean_held_on(self) -> datetime.date:
        held_on = self.cleaned_data["held_on"]
        start = self.session.course.start_date
        if held_on < start:
            raise forms.ValidationError(
                f"The course started on {start:%d %b %Y}; a session cannot be held before that."
            )
        return held_on

    def clean(self):
        data = super().clean()
        attendance = data.get("attendance")
        if attendance == Attendance.ATTENDED and not data.get("duration_minutes"):
            self.add_error("duration_minutes", "Give the length of the session in minutes.")
        if attendance == Attendance.DID_NOT_ATTEND and not data.get("follow_up_action", "").strip():
            self.add_error(
                "follow_up_action", "The client did not attend: note what you will do to follow up."
            )
        held_on, held_time = data.get("held_on"), data.get("held_time")
        if held_on and held_time:
            held_at = timezone.make_aware(datetime.datetime.combine(held_on, held_time))
            if held_at > timezone.now() + datetime.timedelta(minutes=5):
                self.add_error("held_time", "This time has not come yet today.")
            data["held_at"] = held_at
        return data


class NoteForm(forms.ModelForm):
    """The clinical note of an attended session. Carries the version it was loaded with."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    risk_asked = forms.TypedChoiceField(
        label="Suicide risk asked about",
        choices=YES_NO,
        required=False,
        widget=forms.RadioSelect,
        coerce=lambda v: v == "yes",
        empty_value=None,
    )
    techniques = forms.MultipleChoiceField(
        label="Which IPT techniques did you use?",
        choices=TECHNIQUES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    people_involved = forms.ModelMultipleChoiceField(
        label="People involved in the mood changes",
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="From the interpersonal inventory: whose interactions moved the mood.",
        error_messages={
            "invalid_choice": "That person is not on this course's inventory.",
            "invalid_pk_value": "That person is not on this course's inventory.",
        },
    )

    class Meta:
        model = Session
        fields = [*NOTE_FIELDS, "people_involved"]
        labels = {
            "mood_rating": "Rating (0 = worst, 10 = best)",
            "mood_account": "What happened to the mood, and around whom",
            "task_review": "Last session's interpersonal task",
            "task_review_note": "What happened when the client tried it",
            "risk_level": "Risk level",
            "risk_action": "Action taken",
            "next_task": "The task",
            "next_task_person": "With whom",
            "note": "What happened in the session",
            "diagnosis_given": "Diagnosis given and explained",
            "psychoeducation_given": "Psychoeducation: depression as a treatable illness",
            "sick_role_explained": "Sick role explained and agreed",
            "focal_area_discussed": "Focal area discussed with the client",
            "sessions_remaining_discussed": "Sessions remaining discussed with the client",
            "gains_reviewed": "Gains reviewed: symptoms and relationships",
            "ending_feelings": "Feelings about ending",
            "events_since_last": "Interpersonal events since last time",
            "focal_area_review": "Review of the focal area",
            "warning_signs_noticed": "Early warning signs noticed",
            "relapse_plan_reviewed": "Relapse-prevention plan reviewed with the client",
            "rhythm_review": "What the week's rhythm record showed",
            "rhythm_goal": "Routine to aim for before next session",
        }
        help_texts = {
            "next_task": "One concrete action with a person before next time, not a worksheet.",
            "rhythm_review": "Which anchors moved, what disrupted them (late nights, missed "
            "meals, travel, conflict) and how mood followed.",
            "rhythm_goal": "One anchor to keep steady, with a time: e.g. out of bed by 7:30 "
            "every day, weekends included.",
            "mood_rating": "A whole number from 0 to 10.",
            "events_since_last": "Who the client saw, what changed, any disputes or losses.",
            "focal_area_review": "How things stand with the focal area worked in the acute course.",
            "warning_signs_noticed": "Signs from the relapse-prevention plan seen since last "
            "time; write “none” if none.",
            "risk_level": "If the risk is high, make the client safe first: crisis support, "
            "psychiatric review and a safety plan come before IPT work.",
        }
        widgets = {
            "mood_rating": forms.NumberInput(attrs={"min": 0, "max": 10, "inputmode": "numeric"}),
            "task_review": forms.RadioSelect,
            "mood_account": forms.Textarea(attrs={"rows": 3}),
            "task_review_note": forms.Textarea(attrs={"rows": 3}),
            "risk_action": forms.Textarea(attrs={"rows": 2}),
            "next_task": forms.Textarea(attrs={"rows": 2}),
            "note": forms.Textarea(attrs={"rows": 6}),
            "gains_reviewed": forms.Textarea(attrs={"rows": 3}),
            "ending_feelings": forms.Textarea(attrs={"rows": 3}),
            "events_since_last": forms.Textarea(attrs={"rows": 3}),
            "focal_area_review": forms.Textarea(attrs={"rows": 3}),
            "warning_signs_noticed": forms.Textarea(attrs={"rows": 2}),
            "rhythm_review": forms.Textarea(attrs={"rows": 3}),
            "rhythm_goal": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, offered: list | None = None, **kwargs):
        """``offered``: the course's current people when the page read them already
        (``people_choices.note_people``)."""
        super().__init__(*args, **kwargs)
        session: Session = self.instance
        if "people_involved" not in self._meta.fields:
            del self.fields["people_involved"]
        else:
            self.fields["people_involved"].queryset = Person.objects.filter(
                course_id=session.course_id
            ).current()
            read_once(self.fields["people_involved"], offered)
        self.fields["mood_rating"].error_messages.update(
            {
                "max_value": "Mood is rated from 0 to 10; %(limit_value)s is the highest.",
                "min_value": "Mood is rated from 0 to 10; %(limit_value)s is the lowest.",
                "invalid": "Give the mood as a whole number from 0 to 10.",
            }
        )
        self.fields["task_review"].choices = self.fields["task_review"].choices[1:]
        self.fields["task_review"].required = False
        if not self.is_bound:
            self.initial["version"] = session.version
            self.initial["risk_asked"] = {True: "yes", False: "no"}.get(session.risk_asked, "")

    def validate_unique(self):
        """The note never changes the course or number, and the mood's range is checked by its
        field: the model's constraint checks would only cost a query on every autosave."""

    def validate_constraints(self):
        """See ``validate_unique``: the database constraints still guard the row."""

    def note_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in NOTE_FIELDS}


class NoteTextForm(NoteForm):
    """The note without the people ticked: an autosave whose ticks did not change."""

    class Meta(NoteForm.Meta):
        fields = list(NOTE_FIELDS)


class FocalWorkForm(forms.ModelForm):
    """One focal area's section of the note: its written prompts and the people it was about.

    ``people`` is dropped when the page posts the same ticks it was loaded with
    (``fa-<area>-people_was``), so an autosave that changed no tick reads no people.
    """

    people = forms.ModelMultipleChoiceField(
        label="Who this work was about",
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "That person is not on this course's inventory.",
            "invalid_pk_value": "That person is not on this course's inventory.",
        },
    )

    class Meta:
        model = FocalAreaWork
        fields = [*(name for names in FocalAreaWork.PROMPT_FIELDS.values() for name in names)]
        widgets = {
            name: forms.Textarea(attrs={"rows": 2})
            for names in FocalAreaWork.PROMPT_FIELDS.values()
            for name in names
            if name not in ("dispute_with", "dispute_stage")
        }
        help_texts = focal_prompts.HINTS

    def __init__(self, *args, area: str, course_id: int, offered: list | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.area = area
        self.area_label = FocalArea(area).label
        self.legend_hint = focal_prompts.AREA_HINTS[area]
        keep = FocalAreaWork.PROMPT_FIELDS[area]
        for name in list(self.fields):
            if name not in keep and name != "people":
                del self.fields[name]
        people = self.fields["people"]
        people.help_text = focal_prompts.PEOPLE_HINTS[area]
        if self.is_bound and self._people_unchanged():
            del self.fields["people"]
        else:
            people.queryset = Person.objects.filter(course_id=course_id).current()
            read_once(people, offered)
            if self.instance.pk:
                self.fields["people"].initial = list(self.instance.people.all())

    def _people_unchanged(self) -> bool:
        was_key = self.add_prefix("people_was")
        if was_key not in self.data:
            return False
        was = sorted(p for p in self.data.get(was_key, "").split(",") if p)
        return sorted(self.data.getlist(self.add_prefix("people"))) == was

    def people_was(self) -> str:
        """The ticks as loaded, posted back so an unchanged list is not re-read."""
        field = self.fields.get("people")
        if field is None:
            return self.data.get(self.add_prefix("people_was"), "")
        return ",".join(str(getattr(p, "pk", p)) for p in self["people"].value() or [])

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields}


class CommunicationAnalysisForm(forms.ModelForm):
    class Meta:
        model = CommunicationAnalysis
        fields = [
            "scene",
            "exchange",
            "tone",
            "meant",
            "heard",
            "feelings",
            "alternatives",
            "role_played",
            "outcome",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 2}) for name in fields if name != "role_played"
        }


class RolePlayForm(forms.ModelForm):
    class Meta:
        model = RolePlay
        fields = ["rehearsed", "with_whom", "how_it_went"]
        widgets = {
            "rehearsed": forms.Textarea(attrs={"rows": 2}),
            "how_it_went": forms.Textarea(attrs={"rows": 2}),
        }


class DecisionAnalysisForm(forms.ModelForm):
    class Meta:
        model = DecisionAnalysis
        fields = ["decision", "options", "choice", "next_step"]
        widgets = {name: forms.Textarea(attrs={"rows": 2}) for name in fields}
        widgets["options"] = forms.Textarea(attrs={"rows": 4})


class RecordVersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


RECORD_FORMS = {
    "communication": CommunicationAnalysisForm,
    "roleplay": RolePlayForm,
    "decision": DecisionAnalysisForm,
}


class VersionedPlanForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class RelapsePlanForm(VersionedPlanForm):
    class Meta:
        model = RelapsePreventionPlan
        fields = list(RelapsePreventionPlan.TEXT_FIELDS)
        widgets = {name: forms.Textarea(attrs={"rows": 2}) for name in fields}


class FollowUpPlanForm(VersionedPlanForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["follow_up_date"].future = True  # a plan: may lie ahead

    class Meta:
        model = FollowUpPlan
        fields = list(FollowUpPlan.TEXT_FIELDS)
        widgets = {
            "details": forms.Textarea(attrs={"rows": 2}),
            "follow_up_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        field_classes = {"follow_up_date": ClinicalDateField}


PLAN_FORMS = {"relapse": RelapsePlanForm, "followup": FollowUpPlanForm}


class AddendumForm(forms.Form):
    text = forms.CharField(
        label="Addendum",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="A correction or addition. It is shown under the signed note with your name "
        "and the time.",
    )


class VoidForm(forms.Form):
    reason = forms.CharField(
        label="Reason for voiding",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="For example: created twice by mistake. The session stays in the history.",
    )
