"""Reading a course's appointment schedule for the course page."""

from dataclasses import dataclass

from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from cases.models import Course
from cases.prepared_queries import PreparedQuery
from sessions.models import Attendance, Session


@dataclass(frozen=True)
class Schedule:
    appointments: list  # Session rows, not void, in date order
    weeks_left: int | None  # None once the course has ended
    next_appointment: object | None
    unrecorded: set[int]  # ids of past appointments still marked scheduled (no attendance yet)
    next_to_record: object | None = None  # the earliest appointment still to record, past or not


_SESSIONS = "_course_sessions"
# ``course.sessions`` in date order, each with ``signer_is_trainee``: whether whoever signed the
# note (its author when no signer is recorded) is a trainee, all the page asks of those two
# users (``Session.awaiting_cosignature``). One column, not both users' rows joined in: those
# were a third of the query's cost. Its SQL is built once per process
# (``cases.prepared_queries``).
COURSE_SESSIONS_QUERY = PreparedQuery(
    lambda course_id: (
        Session.objects.filter(course_id=course_id)
        .annotate(
            signer_is_trainee=Coalesce("signed_by__is_trainee", "author__is_trainee", Value(False))
        )
        .order_by("scheduled_for", "id")
    ),
    planned_once=True,
)


def course_sessions(course: Course) -> list:
    """Every session row of the course, void ones included, in date order (with
    ``signer_is_trainee``), read once per course object: the schedule and the course page's
    session list share it. Pages redirect after every write, so the copy is never stale."""
    if _SESSIONS not in course.__dict__:
        sessions = COURSE_SESSIONS_QUERY.list(course_id=course.pk)
        for session in sessions:
            session.course = course  # as ``course.sessions`` would: no query to reach it
        course.__dict__[_SESSIONS] = sessions
    return course.__dict__[_SESSIONS]


def read_sessions(course: Course) -> list | None:
    """``course_sessions`` if this course object has already read them, else None."""
    return course.__dict__.get(_SESSIONS)


def attended_sessions(course: Course) -> list:
    """The attended, non-void sessions (``SessionQuerySet.attended``) of ``course_sessions``."""
    return [s for s in course_sessions(course) if s.is_attended]


def schedule_for(course: Course) -> Schedule:
    """The course's appointments (``course_sessions``, one query shared with the course page's
    session list) and how many weeks remain until the last one."""
    appointments = [s for s in course_sessions(course) if s.voided_at is None]
    now = timezone.now()
    upcoming = [
        a for a in appointments if a.attendance == Attendance.SCHEDULED and a.scheduled_for >= now
    ]
    weeks_left = None
    if course.is_open:
        if upcoming:
            last = timezone.localdate(upcoming[-1].scheduled_for)
            # Counting this week: a last appointment 0-6 days away leaves one week.
            weeks_left = max((last - timezone.localdate()).days // 7 + 1, 0)
        else:
            weeks_left = 0
    waiting = [a for a in appointments if a.attendance == Attendance.SCHEDULED]
    return Schedule(
        next_to_record=waiting[0] if waiting and course.is_open else None,
        appointments=appointments,
        weeks_left=weeks_left,
        next_appointment=upcoming[0] if upcoming else None,
        unrecorded={
            a.pk
            for a in appointments
            if a.attendance == Attendance.SCHEDULED and a.scheduled_for < now
        },
    )
