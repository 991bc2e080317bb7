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
- Maintenance courses (continuing an acute course the client responded to) are counted apart,
  by their own rule (issue 19): counted with acute courses, holding steady would read as no
  improvement and a relapse would be missed (not at caseness at the start: outside the
  recovery count). A finished one *worsened* when a measure rose reliably at any measurement
  (the maintenance course's "not on track", ``measures.queries.CourseOutcome``) and *stayed
  well* when it did not and every score at its end is below the cut-off. Group members'
  courses are acute courses delivered in a group: counted with the acute ones.

Three queries whatever the number of courses or therapists (courses running, the counts of
the courses ended in the period, the therapists), each counted by the database from values
stored per course and kept current on write: the attended sessions
(``sessions.tallies``) and the outcome classification (``measures.scores``). No session or
questionnaire is read.
"""

import datetime

from django.conf import settings
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
from measures import instruments
from measures.queries import outcomes_for
from measures.scores import classification_values
from sessions.models import Attendance
from supervision.phase_query import current_phase
from supervision.prepared_counts import PreparedCounts
from supervision.service_counts import (  # noqa: F401 - Rate and the figures are read from here
    EARLY_COUNTS,
    OUTCOME_COUNTS,
    PERIOD_COUNTS,
    PeriodFigures,
    Rate,
    RunningCourses,
    ServiceFigures,
    TherapistFigures,
)

MIN_ATTENDED_TO_FINISH = 2


def _running_courses(user) -> list[tuple[int, str, str, int]]:
    """(therapist id, status, phase, courses) of the courses under way, counted by the
    database: the phase is ``Course.phase``'s rule (``phase_query``) on the stored attended
    count (``sessions.tallies``)."""
    rows = RUNNING_QUERY.rows(user)
    return [(row["therapist_id"], row["status"], row["phase"], row["n"]) for row in rows]


def _running_counts(user):
    return (
        Course.objects.visible_to(user)
        .filter(status__in=[CourseStatus.PLANNED, CourseStatus.ACTIVE])
        .order_by()
        .alias(attended=Coalesce("attendance_tally__attended", Value(0)))
        .values("therapist_id", "status", phase=current_phase())
        .annotate(n=Count("pk"))
    )


# Built once per process per shape (``supervision.prepared_counts``): Django takes longer to
# build the phase rule and the counts than the database takes to count.
RUNNING_QUERY = PreparedCounts(_running_counts)


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


def _in_period(start: datetime.date, end: datetime.date) -> Q:
    """Courses that ended start..end: their clinical end (the last attended session, stored in
    the tally; the day the course was closed if none was held) falls in it. A course is closed
    in the app on or after its last session, so ``ended_on`` before the period rules it out
    cheaply. Written as two cases, not as the range of a COALESCE over two tables: PostgreSQL
    estimates each case from its column's statistics, where it guessed a COALESCE's range at
    a ninth of the courses and then read their classifications one course at a time."""
    last = "attendance_tally__last_attended_on"
    return Q(status__in=[CourseStatus.COMPLETED, CourseStatus.ENDED_EARLY], ended_on__gte=start) & (
        Q(**{f"{last}__gte": start, f"{last}__lte": end})
        | Q(**{f"{last}__isnull": True, "ended_on__lte": end})
    )


def _ended_in(user, start: datetime.date, end: datetime.date):
    """``courses_ended_in``'s courses, read from the stored tallies (no session is read)."""
    return Course.objects.visible_to(user).filter(_in_period(start, end)).order_by()


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
    """Rows per therapist, kind (maintenance or not) and whether the courses are finished, with
    the counts ``PeriodFigures.add`` sums, computed by the database from the stored tallies and
    classifications (``_period_counts``, built once per process: ``PERIOD_QUERY``)."""
    rows = PERIOD_QUERY.rows(user, start=start, end=end)
    for row in rows:
        if not row["counted"]:  # not finished (NULL: no classification at all)
            row.update(NOT_FINISHED)
    if any(row["stale_courses"] for row in rows):
        rows += _stale_rows(user, start, end)
    return rows


def _period_counts(user, start: datetime.date, end: datetime.date):
    """Courses by status and end reason are counts, not groups (a fifth of the rows);
    finished or not is a group, so the condition is tested once a course, not in the filter
    of each of a dozen counts."""

    def count(**condition) -> Count:
        return Count("pk", filter=Q(**condition))

    early = Q(status=CourseStatus.ENDED_EARLY)
    by_reason = {
        name: Count("pk", filter=early & Q(end_reason=reason))
        for reason, name in EARLY_COUNTS.items()
        if reason
    }
    by_reason[EARLY_COUNTS[""]] = Count("pk", filter=early & ~Q(end_reason__in=EndReason.values))

    return (
        _ended_in(user, start, end)
        .values(
            "therapist_id",
            maintenance=ExpressionWrapper(
                Q(continues_course__isnull=False), output_field=BooleanField()
            ),
            counted=ExpressionWrapper(FINISHED, output_field=BooleanField()),
        )
        .annotate(
            ended=Count("pk"),
            completed=count(status=CourseStatus.COMPLETED),
            **by_reason,
            # Read only from the finished courses' rows (``counted``).
            finished=Count("pk"),
            attended_finished=Sum("attendance_tally__attended"),
            at_caseness=count(classification__caseness=True),
            recovered=count(classification__recovery=True),
            improved=count(classification__reliable_improvement=True),
            improvement_known=count(classification__reliable_improvement__isnull=False),
            deteriorated=count(classification__reliable_deterioration=True),
            deterioration_known=count(classification__reliable_deterioration__isnull=False),
            stayed_well=count(classification__well_at_end=True, classification__worsened=False),
            worsened=count(classification__worsened=True),
            unwell_at_end=count(classification__well_at_end=False),
            stale_courses=Count("pk", filter=STALE),
        )
    )


PERIOD_QUERY = PreparedCounts(_period_counts)


NOT_FINISHED = dict.fromkeys(OUTCOME_COUNTS, 0)


def _counts(values: dict, attended: int) -> dict:
    """One finished course's contribution to each count (``values``: a stored
    classification's fields, ``measures.scores.classification_values``)."""
    return {
        "finished": 1,
        "attended_finished": attended,
        "at_caseness": int(values["caseness"] is True),
        "recovered": int(values["recovery"] is True),
        "improved": int(values["reliable_improvement"] is True),
        "improvement_known": int(values["reliable_improvement"] is not None),
        "deteriorated": int(values["reliable_deterioration"] is True),
        "deterioration_known": int(values["reliable_deterioration"] is not None),
        "stayed_well": int(values["well_at_end"] is True and not values["worsened"]),
        "worsened": int(values["worsened"]),
        "unwell_at_end": int(values["well_at_end"] is False),
    }


def _stale_rows(user, start: datetime.date, end: datetime.date) -> list[dict]:
    """The counts of courses whose stored classification is stale (their adaptation or kind
    changed since their last score), classified afresh from their scores by the same rule:
    rare, and one query more (their scores) whatever their number."""
    courses = list(
        _ended_in(user, start, end).filter(STALE).annotate(attended=F("attendance_tally__attended"))
    )
    thresholds = instruments.thresholds()
    min_fall = settings.OUTCOME_NOT_ON_TRACK_MIN_PHQ9_FALL
    facts = outcomes_for(courses)  # their scores, in time order: one query
    rows = []
    for course in courses:
        row = dict.fromkeys(PERIOD_COUNTS, 0) | {"therapist_id": course.therapist_id}
        row["maintenance"] = course.is_maintenance
        points = [(r.instrument, r.total) for r in facts[course.pk].responses]
        values = classification_values(
            course.adaptation, course.is_maintenance, points, thresholds, min_fall
        )
        if values["enough_data"]:
            row |= _counts(values, course.attended)
        rows.append(row)
    return rows


def service_figures(user, start: datetime.date, end: datetime.date) -> ServiceFigures:
    """The service's figures overall and per therapist, for courses that ended start..end.

    Courses are read through ``visible_to(user)`` like every clinical record; for the service
    administrator, who alone opens this page, that is every course. Three queries whatever
    the number of courses (two more when a stored classification is stale: those courses and
    their scores).
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
    overall, maintenance = PeriodFigures(), PeriodFigures()
    for row in period_rows:
        if row["maintenance"]:
            maintenance.add(row)
            rows[row["therapist_id"]].maintenance.add(row)
        else:
            overall.add(row)
            rows[row["therapist_id"]].period.add(row)
    return ServiceFigures(start, end, overall_running, overall, maintenance, list(rows.values()))
