"""The supervision log entry form, and the period of a log export."""

import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone

from cases.clinical_dates import ClinicalDateField
from cases.form_layout import DateInput, VersionField
from cases.models import Course
from cases.models.courses import CourseStatus
from supervision.models import SupervisionEntry
from supervision.service_forms import DateRangeForm

# A log export covers this many months unless a period (or the whole log) is chosen: a year of
# weekly entries is a long document to render, and the recent months are what is usually asked.
DEFAULT_LOG_MONTHS = 3

# Courses that ended this recently are still offered as "discussed" (reviewing an ending).
RECENTLY_ENDED_DAYS = 90


class CourseChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, course: Course) -> str:
        label = f"{course.client.record_number} · {course.client.full_name}"
        if course.status == CourseStatus.PLANNED:
            return f"{label} (not started yet)"
        if not course.is_open:
            ended = course.ended_on.strftime("%-d %b %Y") if course.ended_on else "ended"
            return f"{label} ({course.get_status_display().lower()}, {ended})"
        return label


def courses_to_discuss(therapist, entry: SupervisionEntry | None = None):
    """The therapist's open courses and those ended recently (plus any the entry already names)."""
    since = timezone.localdate() - datetime.timedelta(days=RECENTLY_ENDED_DAYS)
    wanted = Q(status__in=[CourseStatus.PLANNED, CourseStatus.ACTIVE]) | Q(ended_on__gte=since)
    if entry is not None and entry.pk:
        wanted |= Q(pk__in=entry.courses.values("pk"))
    return (
        Course.objects.filter(therapist=therapist)
        .filter(wanted)
        .select_related("client")
        .order_by("client__record_number", "-start_date")
    )


class SupervisionEntryForm(forms.ModelForm):
    courses = CourseChoiceField(
        queryset=Course.objects.none(),
        required=False,
        label="Courses discussed",
        help_text=(
            "The therapist's current courses and those that ended in the last three months."
        ),
    )
    version = VersionField(required=False)

    class Meta:
        model = SupervisionEntry
        fields = ["met_on", "courses", "decisions", "actions"]
        labels = {
            "met_on": "Date of supervision",
            "decisions": "Decisions",
            "actions": "Actions agreed",
        }
        help_texts = {
            "decisions": "What was decided, course by course where it helps.",
            "actions": "Who does what, and by when. These are reviewed at the next supervision.",
        }
        widgets = {
            "met_on": DateInput(),
            "decisions": forms.Textarea(attrs={"rows": 6}),
            "actions": forms.Textarea(attrs={"rows": 5}),
        }
        field_classes = {"met_on": ClinicalDateField}

    def __init__(self, *args, therapist, **kwargs):
        super().__init__(*args, **kwargs)
        self.therapist = therapist
        self.fields["met_on"].future_message = "Record a supervision once it has taken place."
        self.fields["courses"].queryset = courses_to_discuss(therapist, self.instance)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.fields["version"].required = True

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("decisions", "").strip() or cleaned.get("actions", "").strip()):
            raise forms.ValidationError(
                "Write the decisions, the actions agreed, or both: an empty entry says nothing."
            )
        return cleaned

    def values(self) -> dict:
        """What the supervision log services take."""
        return {
            name: self.cleaned_data[name] for name in ("met_on", "courses", "decisions", "actions")
        }


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` earlier (the month's last day if shorter), plus one day."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            earlier = datetime.date(year, month, candidate)
        except ValueError:
            continue
        return earlier + datetime.timedelta(days=1)
    raise AssertionError("every month has a 28th")


class LogPeriodForm(DateRangeForm):
    """The period a log export covers: the last three months unless chosen otherwise.

    A missing start is three months before the end; a missing end is today. "The whole log"
    is a choice of its own, so a long document is only made when someone asks for it.
    """

    from_label = "Supervisions from"
    to_label = "to"

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        today = timezone.localdate()
        self.fields["from"].initial = months_before(today, DEFAULT_LOG_MONTHS)
        self.fields["to"].initial = today
        self.fields["whole"] = forms.BooleanField(
            label="The whole log instead (longer to prepare)", required=False
        )

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        if cleaned.get("whole"):
            cleaned["from"] = cleaned["to"] = None
            return cleaned
        end = cleaned.get("to") or timezone.localdate()
        start = cleaned.get("from") or months_before(end, DEFAULT_LOG_MONTHS)
        if start > end:
            raise forms.ValidationError(
                "The start of the period is after today: choose an end date as well."
            )
        cleaned["from"], cleaned["to"] = start, end
        return cleaned
