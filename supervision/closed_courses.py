"""The supervisor's "recently closed" view: their supervisees' courses completed or ended early
in the last 90 days, with the outcome, the decision on what happens next, and any open risk.

A page costs the same queries however many courses: the courses (one annotated query), their
standing endings (one prefetch), their scores (``outcomes_for``) and the supervisees.
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.db.models import Prefetch
from django.db.models.functions import Coalesce
from django.http import QueryDict
from django.utils import timezone

from accounts.models import User
from cases.models import Course, CourseEnding
from cases.models.courses import CourseStatus
from measures.queries import CourseOutcome, outcomes_for, with_open_risk
from supervision.dashboard import supervisees

RECENT_DAYS = 90


class ClosedFilterForm(forms.Form):
    """Therapist, how the course ended, open risk only (GET: every view is a bookmarkable URL)."""

    therapist = forms.TypedChoiceField(
        label="Therapist", required=False, coerce=int, empty_value=None
    )
    ending = forms.ChoiceField(
        label="How it ended",
        required=False,
        choices=[
            ("", "Completed or ended early"),
            (CourseStatus.COMPLETED, "Completed"),
            (CourseStatus.ENDED_EARLY, "Ended early"),
        ],
    )
    risk = forms.ChoiceField(
        label="Risk",
        required=False,
        choices=[("", "Any course"), ("open", "Open risk flag")],
    )

    def __init__(self, data: QueryDict, *, therapists: list[User]):
        super().__init__(data)
        self.fields["therapist"].choices = [
            ("", "All therapists"),
            *((t.pk, t.display_name) for t in therapists),
        ]

    def filters(self) -> dict:
        """The valid filters; a malformed one is ignored rather than failing the page."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data.get(name) or None for name in ("therapist", "ending", "risk")}


@dataclass
class ClosedRow:
    course: Course
    outcome: CourseOutcome

    @property
    def ending(self) -> CourseEnding | None:
        endings = self.course.standing_endings
        return endings[0] if endings else None


@dataclass
class ClosedCourses:
    form: ClosedFilterForm
    rows: list[ClosedRow]
    filtered: bool
    since: datetime.date


def closed_courses(supervisor: User, params: QueryDict) -> ClosedCourses:
    form = ClosedFilterForm(params, therapists=supervisees(supervisor))
    chosen = form.filters()
    since = timezone.localdate() - datetime.timedelta(days=RECENT_DAYS)
    courses = Course.objects.visible_to(supervisor).filter(
        status__in=[CourseStatus.COMPLETED, CourseStatus.ENDED_EARLY], ended_on__gte=since
    )
    if chosen["therapist"]:
        courses = courses.filter(therapist_id=chosen["therapist"])
    if chosen["ending"]:
        courses = courses.filter(status=chosen["ending"])
    courses = with_open_risk(courses.with_progress())
    if chosen["risk"]:
        courses = courses.filter(risk_open=True)
    courses = list(
        courses.prefetch_related(
            Prefetch(
                "endings",
                queryset=CourseEnding.objects.standing().order_by("-recorded_at", "-id"),
                to_attr="standing_endings",
            )
        ).order_by(Coalesce("last_attended_on", "ended_on").desc(), "client__family_name", "pk")
    )
    outcomes = outcomes_for(courses)
    rows = [ClosedRow(course=course, outcome=outcomes[course.pk]) for course in courses]
    # Open risk first, then the latest clinical end (the query's order, kept by a stable sort).
    rows.sort(key=lambda row: 0 if row.course.risk_open else 1)
    return ClosedCourses(form=form, rows=rows, filtered=any(chosen.values()), since=since)
