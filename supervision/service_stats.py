"""The service figures: courses running now, and how the courses that ended in a period went.

Definitions (the outcome ones are cases/outcomes.py's, NHS Talking Therapies style):

- A course *ended in the period* when it was completed or ended early and its clinical end (its
  last attended session; the day it was closed if none was held) falls in it, whenever it was
  written up and closed in the app.
- It is *finished* (counted for outcomes) when it also had at least two attended sessions and a
  paired depression measure of its adaptation (PHQ-9, PHQ-A or SMFQ: a first and a later
  score). A course with only an anxiety measure paired is not classified, so not counted.
- Recovery rate: finished courses that recovered, out of finished courses at caseness at the
  start. Reliable improvement and reliable deterioration: out of the finished courses whose
  measures have a published reliable-change threshold (not the PHQ-A or SMFQ).
- Mean sessions attended: over the finished courses.
- Ended early: out of every course that ended in the period (finished or not, since clients who
  drop out after one session are exactly the ones a service must see), by reason.

Four queries whatever the number of courses or therapists: courses running, courses ended in
the period, their questionnaire scores, and the therapists.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, Max, Min, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, TruncDate

from accounts.models import User
from cases.models import Course
from cases.models.courses import CourseStatus, EndReason
from cases.phases import PHASE_LABELS, PHASES, course_phase_for
from measures.queries import classified_outcomes_for
from sessions.models import Attendance, Session

MIN_ATTENDED_TO_FINISH = 2


@dataclass(frozen=True)
class Rate:
    """A count out of a denominator, shown with both so a small number is not over-read."""

    count: int
    of: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.count / self.of) if self.of else None

    def __str__(self) -> str:
        if not self.of:
            return "no courses to count"
        return f"{self.count} of {self.of} ({self.percent}%)"


@dataclass(frozen=True)
class PhaseCount:
    phase: str
    label: str
    count: int


@dataclass
class RunningCourses:
    """Courses under way now: active ones by phase, and planned ones not yet started."""

    by_phase: Counter = field(default_factory=Counter)
    planned: int = 0

    def add(self, course: Course) -> None:
        self.count(course.status, course.phase)

    def count(self, status: str, phase: str) -> None:
        if status == CourseStatus.PLANNED:
            self.planned += 1
        else:
            self.by_phase[phase] += 1

    @property
    def active(self) -> int:
        return sum(self.by_phase.values())

    @property
    def phases(self) -> list[PhaseCount]:
        return [PhaseCount(p, PHASE_LABELS[p], self.by_phase[p]) for p in PHASES]


@dataclass
class PeriodFigures:
    """How the courses that ended in the period went (see the module docstring)."""

    ended: list[Course] = field(default_factory=list)
    finished: list[Course] = field(default_factory=list)

    @property
    def completed(self) -> int:
        return sum(1 for c in self.ended if c.status == CourseStatus.COMPLETED)

    @property
    def finished_rate(self) -> Rate:
        return Rate(len(self.finished), len(self.ended))

    @property
    def at_caseness(self) -> int:
        return sum(1 for c in self.finished if c.outcome_facts.outcome.caseness)

    @property
    def recovery(self) -> Rate:
        return Rate(
            sum(1 for c in self.finished if c.outcome_facts.outcome.recovery), self.at_caseness
        )

    def _known(self, name: str) -> Rate:
        """Courses where ``name`` is True, out of those where it could be known at all."""
        values = [getattr(c.outcome_facts.outcome, name) for c in self.finished]
        known = [value for value in values if value is not None]
        return Rate(sum(1 for value in known if value), len(known))

    @property
    def reliable_improvement(self) -> Rate:
        return self._known("reliable_improvement")

    @property
    def reliable_deterioration(self) -> Rate:
        return self._known("reliable_deterioration")

    @property
    def mean_attended(self) -> float | None:
        if not self.finished:
            return None
        return round(sum(c.attended for c in self.finished) / len(self.finished), 1)

    @property
    def ended_early(self) -> Rate:
        return Rate(
            sum(1 for c in self.ended if c.status == CourseStatus.ENDED_EARLY), len(self.ended)
        )

    @property
    def end_reasons(self) -> list[tuple[str, int]]:
        """(reason, courses) for every reason given, most frequent first, in EndReason order."""
        counts = Counter(c.end_reason for c in self.ended if c.status == CourseStatus.ENDED_EARLY)
        labelled = [
            (EndReason(r).label if r in EndReason.values else "Not given", n)
            for r, n in counts.items()
        ]
        order = {label: i for i, label in enumerate(EndReason.labels)}
        return sorted(labelled, key=lambda item: (-item[1], order.get(item[0], len(order))))


@dataclass
class TherapistFigures:
    therapist: User
    running: RunningCourses = field(default_factory=RunningCourses)
    period: PeriodFigures = field(default_factory=PeriodFigures)


@dataclass
class ServiceFigures:
    start: datetime.date
    end: datetime.date
    running: RunningCourses
    period: PeriodFigures
    therapists: list[TherapistFigures]


def is_finished(course: Course) -> bool:
    """At least two attended sessions and a paired depression measure (needs ``outcome_facts``)."""
    facts = getattr(course, "outcome_facts", None)
    return (
        course.attended >= MIN_ATTENDED_TO_FINISH
        and facts is not None
        and facts.outcome.enough_data
    )


def _attended_sessions():
    """Attended, non-void sessions of the course in the outer query (for subqueries)."""
    return Session.objects.attended().filter(course=OuterRef("pk")).order_by().values("course")


def _running_courses(user) -> list[tuple[int, str, str]]:
    """(therapist id, status, phase) of every course under way, as plain values: only the
    attended count is computed per course (the phase is ``Course.phase``'s rule on it)."""
    attended = _attended_sessions().annotate(n=Count("pk")).values("n")
    rows = (
        Course.objects.visible_to(user)
        .filter(status__in=[CourseStatus.PLANNED, CourseStatus.ACTIVE])
        .order_by()
        .annotate(attended=Coalesce(Subquery(attended, output_field=IntegerField()), Value(0)))
        .values_list("therapist_id", "status", "attended", "planned_sessions", "continues_course")
    )
    return [
        (therapist, status, course_phase_for(attended + 1, planned, acute is not None))
        for therapist, status, attended, planned, acute in rows
    ]


def running_figures(user) -> RunningCourses:
    """Courses under way across what ``user`` may see: the service, for its administrator."""
    running = RunningCourses()
    for _, status, phase in _running_courses(user):
        running.count(status, phase)
    return running


def courses_ended_in(user, start: datetime.date, end: datetime.date):
    """Courses ``user`` may see that ended start..end (see the module docstring), oldest end
    first, annotated with ``attended``, ``first_attended_on``, ``last_attended_on`` (so
    ``Course.clinical_start``/``clinical_end`` read no more) and ``clinical_end_on``. The
    service figures, the dataset extract and the service's FHIR export all read this one."""
    # One pass over the sessions (a join and GROUP BY), not a subquery per course: the period
    # is read from the last attended session, so every candidate course needs it.
    held = Q(sessions__attendance=Attendance.ATTENDED, sessions__voided_at__isnull=True)
    return (
        Course.objects.visible_to(user)
        # A course is closed in the app on or after its last session, so ``ended_on`` before
        # the period rules it out cheaply; the period itself reads the clinical end.
        .filter(status__in=[CourseStatus.COMPLETED, CourseStatus.ENDED_EARLY], ended_on__gte=start)
        .annotate(
            attended=Count("sessions", filter=held),
            first_attended_on=Min(
                TruncDate(Coalesce("sessions__held_at", "sessions__scheduled_for")), filter=held
            ),
            last_attended_on=Max(
                TruncDate(Coalesce("sessions__held_at", "sessions__scheduled_for")), filter=held
            ),
        )
        .annotate(clinical_end_on=Coalesce("last_attended_on", "ended_on"))
        .filter(clinical_end_on__gte=start, clinical_end_on__lte=end)
        .order_by("clinical_end_on", "id")
    )


def service_figures(user, start: datetime.date, end: datetime.date) -> ServiceFigures:
    """The service's figures overall and per therapist, for courses that ended start..end.

    Courses are read through ``visible_to(user)`` like every clinical record; for the service
    administrator, who alone opens this page, that is every course.
    """
    running_courses = _running_courses(user)
    ended = list(courses_ended_in(user, start, end))
    classified_outcomes_for([c for c in ended if c.attended >= MIN_ATTENDED_TO_FINISH])

    involved = {therapist for therapist, _, _ in running_courses}
    involved |= {c.therapist_id for c in ended}
    therapists = User.objects.filter(
        Q(role=User.Role.THERAPIST, is_active=True) | Q(pk__in=involved)
    ).order_by("last_name", "first_name", "username")
    rows = {t.pk: TherapistFigures(t) for t in therapists}

    overall_running = RunningCourses()
    for therapist, status, phase in running_courses:
        overall_running.count(status, phase)
        rows[therapist].running.count(status, phase)
    overall = PeriodFigures()
    for course in ended:
        finished = is_finished(course)
        for figures in (overall, rows[course.therapist_id].period):
            figures.ended.append(course)
            if finished:
                figures.finished.append(course)
    return ServiceFigures(start, end, overall_running, overall, list(rows.values()))
