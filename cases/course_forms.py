import copy
import datetime
import zoneinfo

from django import forms
from django.conf import settings

from accounts.models import User
from cases.clinical_dates import ClinicalDateField, set_birth_date
from cases.form_layout import DateInput, FieldsetsMixin, TimeInput, VersionField
from cases.models import Course
from cases.models.courses import (
    STANDARD_MAX_SESSIONS,
    STANDARD_MIN_SESSIONS,
    Adaptation,
    Weekday,
    adaptation_age_mismatch,
)
from cases.models.initial_records import SuitabilityRecord

SUITABILITY_FIELDS = forms.fields_for_model(
    SuitabilityRecord,
    fields=["why_ipt", "exclusions_considered", "alternatives_offered"],
    widgets={
        name: forms.Textarea(attrs={"rows": 3})
        for name in ("why_ipt", "exclusions_considered", "alternatives_offered")
    },
)


class CourseForm(FieldsetsMixin, forms.ModelForm):
    """Opening a course asks for its suitability record too; editing one does not (an older
    course without it gets one from its own page)."""

    version = VersionField(required=False)
    confirm_adaptation = forms.BooleanField(
        required=False,
        label="I confirm this adaptation is right for this client",
    )

    fieldsets = [
        ("The course", ["adaptation", "confirm_adaptation", "planned_sessions", "length_reason"]),
        (
            "Appointments",
            ["start_date", "usual_weekday", "usual_time", "session_minutes"],
        ),
        ("Diagnosis and medication", ["diagnosis", "icd11_code", "medication_note"]),
        ("Suitability: why IPT, and what else was considered", list(SUITABILITY_FIELDS)),
    ]

    class Meta:
        model = Course
        fields = [
            "adaptation",
            "planned_sessions",
            "length_reason",
            "start_date",
            "usual_weekday",
            "usual_time",
            "session_minutes",
            "diagnosis",
            "icd11_code",
            "medication_note",
        ]
        widgets = {
            "start_date": DateInput(),
            "usual_time": TimeInput(),
            "length_reason": forms.Textarea(attrs={"rows": 2}),
            "medication_note": forms.Textarea(attrs={"rows": 3}),
        }
        field_classes = {"start_date": ClinicalDateField}
        help_texts = {
            "usual_weekday": "Leave empty to use the weekday of the start date.",
            "usual_time": "Leave empty for 10:00.",
            "icd11_code": "For example 6A70.1.",
            "planned_sessions": "12 to 16 weekly sessions. When the client has agreed the "
            "length and an end date, record it on the course page.",
        }

    def __init__(self, *args, client, **kwargs):
        super().__init__(*args, **kwargs)
        self.client = client
        set_birth_date(self, client.date_of_birth)
        self.fields["start_date"].future = True  # a course is often planned ahead
        self.age_mismatch: tuple[int, int] | None = None
        self.fields["usual_weekday"].choices = [("", "Same day as the start date")] + list(
            Weekday.choices
        )
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.fields["version"].required = True
        else:
            for name, field in SUITABILITY_FIELDS.items():
                self.fields[name] = copy.deepcopy(field)

    def suitability_record(self) -> SuitabilityRecord | None:
        """The suitability record typed into a new course's form (unsaved), else None."""
        if self.instance.pk:
            return None
        return SuitabilityRecord(**{name: self.cleaned_data[name] for name in SUITABILITY_FIELDS})

    @property
    def show_adaptation_check(self) -> bool:
        return bool(self.age_mismatch or self["confirm_adaptation"].errors)

    def grouped_fields(self):
        groups = super().grouped_fields()
        if self.show_adaptation_check:
            return groups
        return [
            (legend, [f for f in fields if f.name != "confirm_adaptation"])
            for legend, fields in groups
        ]

    def clean(self):
        data = super().clean()
        planned = data.get("planned_sessions")
        unusual = planned is not None and not (
            STANDARD_MIN_SESSIONS <= planned <= STANDARD_MAX_SESSIONS
        )
        if unusual and not (data.get("length_reason") or "").strip():
            self.add_error(
                "length_reason",
                f"IPT courses run {STANDARD_MIN_SESSIONS} to {STANDARD_MAX_SESSIONS} sessions. "
                f"Say why this course plans {planned}.",
            )
        held = self.instance.attended_count if self.instance.pk else 0
        if planned is not None and planned < held:
            self.add_error(
                "planned_sessions", f"{held} sessions are already held: plan at least {held}."
            )
        start = data.get("start_date")
        weekday = data.get("usual_weekday")
        if start and weekday is not None and weekday != start.weekday():
            self.add_error(
                "start_date",
                f"The start date is a {start:%A}, but the usual day is "
                f"{dict(self.fields['usual_weekday'].choices)[weekday]}. "
                "Pick a start date on the usual day, or change the usual day.",
            )
        elif start and weekday is None:
            data["usual_weekday"] = start.weekday()
        adaptation = data.get("adaptation")
        if start and adaptation:
            self.age_mismatch = adaptation_age_mismatch(adaptation, self.client.age_on(start))
            if self.age_mismatch and not data.get("confirm_adaptation"):
                youngest, oldest = self.age_mismatch
                self.add_error(
                    "confirm_adaptation",
                    f"{Adaptation(adaptation).label.split(' (')[0]} is meant for ages "
                    f"{youngest} to {oldest}; "
                    f"this client will be {self.client.age_on(start)} at the start. "
                    "Check the date of birth, or tick to confirm.",
                )
        return data


class TransferForm(forms.Form):
    to_therapist = forms.ModelChoiceField(
        label="Transfer to", queryset=User.objects.none(), empty_label="Choose a therapist"
    )
    reason = forms.CharField(
        label="Why is the course being transferred?", widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, course: Course, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_therapist"].queryset = User.objects.filter(
            role=User.Role.THERAPIST, is_active=True
        ).exclude(pk=course.therapist_id)


class MoveAppointmentForm(forms.Form):
    date = ClinicalDateField(label="New date", future=True)
    time = forms.TimeField(label="New time", widget=TimeInput())

    def when(self) -> datetime.datetime:
        return datetime.datetime.combine(
            self.cleaned_data["date"],
            self.cleaned_data["time"],
            tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE),
        )


def _validate_constraints_once(form: forms.ModelForm) -> None:
    """Model constraints, minus the length rule ``clean`` already reports at its field."""
    exclude = form._get_validation_exclusions()
    exclude.add("length_reason")
    try:
        form.instance.validate_constraints(exclude=exclude)
    except forms.ValidationError as error:
        form._update_errors(error)


CourseForm.validate_unique = _validate_constraints_once
