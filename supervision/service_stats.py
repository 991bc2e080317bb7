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

Three queries whatever the number of courses or therapists (courses running, the counts of
the courses ended in the period, the therapists), each counted by the database from values
stored per course and kept current on write: the attended sessions
(``sessions.tallies``) and the outcome classification (``measures.scores``). No session or
questionnaire is read.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    F,
    Max,
    Min,
    Q,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncDate

from accounts.models import User
from cases.models import Course
from cases.models.courses import CourseStatus, EndReason
from cases.phases import PHASE_LABELS, PHASES, course_phase_for
from measures.queries import outcomes_for
from sessions.models import Attendance

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

    def count(self, status: str, phase: str, n: int = 1) -> None:
        if status == CourseStatus.PLANNED:
            self.planned += n
        else:
            self.by_phase[phase] += n

    @property
    def active(self) -> int:
        return sum(self.by_phase.values())

    @property
    def phases(self) -> list[PhaseCount]:
        return [PhaseCount(p, PHASE_LABELS[p], self.by_phase[p]) for p in PHASES]


@dataclass
class PeriodFigures:
    """How the courses that ended in the period went (see the module docstring): counts,
    added up from the database's per-course values (``add``)."""

    ended: int = 0
    completed: int = 0
    early_reasons: Counter = field(default_factory=Counter)
    finished: int = 0
    attended_finished: int = 0  # sessions attended, over the finished courses
    at_caseness: int = 0
    recovered: int = 0
    improved: int = 0
    improvement_known: int = 0
    deteriorated: int = 0
    deterioration_known: int = 0

    def add(self, row: dict) -> None:
        """Add one group of courses (``_period_rows``: same status and end reason)."""
        self.ended += row["ended"]
        if row["status"] == CourseStatus.COMPLETED:
            self.completed += row["ended"]
        elif row["status"] == CourseStatus.ENDED_EARLY:
            self.early_reasons[row["end_reason"]] += row["ended"]
        for name in OUTCOME_COUNTS:
            setattr(self, name, getattr(self, name) + (row[name] or 0))

    @property
    def finished_rate(self) -> Rate:
        return Rate(self.finished, self.ended)

    @property
    def recovery(self) -> Rate:
        return Rate(self.recovered, self.at_caseness)

    @property
    def reliable_improvement(self) -> Rate:
        """Courses reliably improved, out of those where it could be known at all."""
        return Rate(self.improved, self.improvement_known)

    @property
    def reliable_deterioration(self) -> Rate:
        return Rate(self.deteriorated, self.deterioration_known)

    @property
    def mean_attended(self) -> float | None:
        if not self.finished:
            return None
        return round(self.attended_finished / self.finished, 1)

    @property
    def ended_early(self) -> Rate:
        return Rate(sum(self.early_reasons.values()), self.ended)

    @cached_property  # read twice a row by the page, once every course is added
    def end_reasons(self) -> list[tuple[str, int]]:
        """(reason, courses) for every reason given, most frequent first, in EndReason order."""
        counts = Counter()
        for reason, n in self.early_reasons.items():
            if n:
                counts[EndReason(reason).label if reason in EndReason.values else "Not given"] += n
        order = {label: i for i, label in enumerate(EndReason.labels)}
        return sorted(counts.items(), key=lambda item: (-item[1], order.get(item[0], len(order))))


# The per-group counts ``PeriodFigures.add`` sums (``_period_rows`` computes each).
OUTCOME_COUNTS = (
    "finished",
    "attended_finished",
    "at_caseness",
    "recovered",
    "improved",
    "improvement_known",
    "deteriorated",
    "deterioration_known",
)


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


def _running_courses(user) -> list[tuple[int, str, str, int]]:
    """(therapist id, status, phase, courses) of the courses under way, grouped by the
    database: the phase is ``Course.phase``'s rule on the stored attended count
    (``sessions.tallies``)."""
    rows = (
        Course.objects.visible_to(user)
        .filter(status__in=[CourseStatus.PLANNED, CourseStatus.ACTIVE])
        .order_by()
        .values(
            "therapist_id",
            "status",
            "planned_sessions",
            attended=Coalesce("attendance_tally__attended", Value(0)),
            maintenance=ExpressionWrapper(
                Q(continues_course__isnull=False), output_field=BooleanField()
            ),
        )
        .annotate(n=Count("pk"))
    )
    return [
        (
            row["therapist_id"],
            row["status"],
            course_phase_for(row["attended"] + 1, row["planned_sessions"], row["maintenance"]),
            row["n"],
        )
        for row in rows
    ]


def running_figures(user) -> RunningCourses:
    """Courses under way across what ``user`` may see: the service, for its administrator."""
    running = RunningCourses()
    for _, status, phase, n in _running_courses(user):
        running.count(status, phase, n)
    return running


def courses_ended_in(user, start: datetime.date, end: datetime.date):
    """Courses ``user`` may see that ended start..end (see the module docstring), oldest end
    first, annotated with ``attended``, ``first_attended_on``, ``last_attended_on`` (so
    ``Course.clinical_start``/``clinical_end`` read no more) and ``clinical_end_on``. The
    dataset extract and the service's FHIR export read this one; the figures count the same
    courses from the stored tallies (``_ended_in``)."""
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


def _ended_in(user, start: datetime.date, end: datetime.date):
    """``courses_ended_in``'s courses, read from the stored tallies (no session is read)."""
    return (
        Course.objects.visible_to(user)
        .filter(status__in=[CourseStatus.COMPLETED, CourseStatus.ENDED_EARLY], ended_on__gte=start)
        .alias(clinical_end_on=Coalesce("attendance_tally__last_attended_on", "ended_on"))
        .filter(clinical_end_on__gte=start, clinical_end_on__lte=end)
        .order_by()
    )


# A course's stored classification counts only while it was made under the course's current
# adaptation and kind; otherwise the course is classified afresh (``_stale_rows``).
FRESH = Q(classification__adaptation=F("adaptation")) & (
    Q(classification__maintenance=True, continues_course__isnull=False)
    | Q(classification__maintenance=False, continues_course__isnull=True)
)
ENOUGH_SESSIONS = Q(attendance_tally__attended__gte=MIN_ATTENDED_TO_FINISH)
FINISHED = ENOUGH_SESSIONS & FRESH & Q(classification__enough_data=True)
STALE = ENOUGH_SESSIONS & Q(classification__isnull=False) & ~FRESH


def _period_rows(user, start: datetime.date, end: datetime.date) -> list[dict]:
    """One row per therapist, status and end reason, with the counts ``PeriodFigures.add``
    sums, computed by the database from the stored tallies and classifications."""

    def finished(**also) -> Count:
        return Count("pk", filter=FINISHED & Q(**also))

    rows = list(
        _ended_in(user, start, end)
        .values("therapist_id", "status", "end_reason")
        .annotate(
            ended=Count("pk"),
            finished=finished(),
            attended_finished=Sum("attendance_tally__attended", filter=FINISHED),
            at_caseness=finished(classification__caseness=True),
            recovered=finished(classification__recovery=True),
            improved=finished(classification__reliable_improvement=True),
            improvement_known=finished(classification__reliable_improvement__isnull=False),
            deteriorated=finished(classification__reliable_deterioration=True),
            deterioration_known=finished(classification__reliable_deterioration__isnull=False),
            stale=Count("pk", filter=STALE),
        )
    )
    if any(row["stale"] for row in rows):
        rows += _stale_rows(user, start, end)
    return rows


def _stale_rows(user, start: datetime.date, end: datetime.date) -> list[dict]:
    """The counts of courses whose stored classification is stale (their adaptation changed
    since their last score), classified afresh from their scores: rare, one query more."""
    courses = list(
        _ended_in(user, start, end).filter(STALE).annotate(attended=F("attendance_tally__attended"))
    )
    rows = []
    for course, facts in zip(courses, outcomes_for(courses).values(), strict=True):
        outcome = facts.outcome
        row = dict.fromkeys(OUTCOME_COUNTS, 0)
        row |= {"therapist_id": course.therapist_id, "status": None, "ended": 0}
        if outcome.enough_data:
            row |= {
                "finished": 1,
                "attended_finished": course.attended,
                "at_caseness": int(bool(outcome.caseness)),
                "recovered": int(bool(outcome.recovery)),
                "improved": int(outcome.reliable_improvement is True),
                "improvement_known": int(outcome.reliable_improvement is not None),
                "deteriorated": int(outcome.reliable_deterioration is True),
                "deterioration_known": int(outcome.reliable_deterioration is not None),
            }
        rows.append(row)
    return rows


def service_figures(user, start: datetime.date, end: datetime.date) -> ServiceFigures:
    """The service's figures overall and per therapist, for courses that ended start..end.

    Courses are read through ``visible_to(user)`` like every clinical record; for the service
    administrator, who alone opens this page, that is every course. Three queries whatever
    the number of courses (a fourth when a stored classification is stale).
    """
    running_courses = _running_courses(user)
    period_rows = _period_rows(user, start, end)

    involved = {row[0] for row in running_courses} | {row["therapist_id"] for row in period_rows}
    therapists = User.objects.filter(
        Q(role=User.Role.THERAPIST, is_active=True) | Q(pk__in=involved)
    ).order_by("last_name", "first_name", "username")
    rows = {t.pk: TherapistFigures(t) for t in therapists}

    overall_running = RunningCourses()
    for therapist, status, phase, n in running_courses:
        overall_running.count(status, phase, n)
        rows[therapist].running.count(status, phase, n)
    overall = PeriodFigures()
    for row in period_rows:
        overall.add(row)
        rows[row["therapist_id"]].period.add(row)
    return ServiceFigures(start, end, overall_running, overall, list(rows.values()))
