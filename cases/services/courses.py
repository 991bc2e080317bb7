"""Writing courses: open, edit, start, transfers and the appointment schedule (endings and
reopening: ``cases.services.endings``).

Every function is atomic and writes its audit row in the same transaction. The appointments
are the sessions app's records: the schedule changes go through ``cases.ports`` (the
book sessions registers), and moving one appointment is ``sessions.booking.move_appointment``.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from audit import trail
from cases import ports
from cases.exceptions import RuleBroken
from cases.models import Course, CourseTransfer
from cases.models.courses import CourseStatus
from cases.models.initial_records import SuitabilityRecord
from cases.services.initial_records import record_suitability
from cases.versioning import claim_next_version

SCHEDULE_FIELDS = {"start_date", "usual_time", "planned_sessions"}


def _open_course_exists(course: Course) -> Course | None:
    return (
        Course.objects.filter(client_id=course.client_id)
        .unfinished()
        .exclude(pk=course.pk)
        .order_by("start_date")
        .first()
    )


def sync_schedule(course: Course) -> None:
    """Make the planned appointments match the course (through the registered appointment
    book: the appointments are the sessions app's records)."""
    ports.book().lay_out(course)


def _void_remaining_appointments(course: Course, why: str) -> int:
    return ports.book().cancel_remaining(course, why)


@transaction.atomic
def open_course(actor, course: Course, suitability: SuitabilityRecord | None = None) -> Course:
    """Save a new course (built by the form) as planned and lay out its weekly appointments.

    The course form asks why IPT suits the client; its record is saved with the course.
    """
    if course.client.is_archived:
        raise RuleBroken("This client is archived. Restore the client before opening a course.")
    if existing := _open_course_exists(course):
        raise RuleBroken(
            f"This client already has an open course ({existing.get_status_display().lower()}, "
            f"from {existing.start_date:%d %b %Y}). Complete or end it before opening another."
        )
    course.therapist = actor
    course.status = CourseStatus.PLANNED
    course.save()
    sync_schedule(course)
    trail.record(
        actor,
        "course.create",
        course,
        client=course.client,
        detail={
            "planned_sessions": course.planned_sessions,
            "adaptation": course.adaptation,
            "suitability": suitability is not None,
        },
    )
    if suitability is not None:
        record_suitability(actor, course, suitability)
    return course


@transaction.atomic
def update_course(actor, course: Course, expected_version: int, changed: list[str]) -> Course:
    """Save the form's changes; a new start date, time or length re-lays the schedule."""
    claim_next_version(course, expected_version)
    course.save()
    if SCHEDULE_FIELDS & set(changed) and course.is_open:
        sync_schedule(course)
    trail.record(actor, "course.update", course, client=course.client, detail={"fields": changed})
    return course


def _set_status(actor, course: Course, action: str, detail: dict | None = None) -> Course:
    course.version += 1
    try:
        with transaction.atomic():
            course.save()
    except IntegrityError as error:
        raise RuleBroken(
            "This client already has an active course. Complete or end it before starting another."
        ) from error
    trail.record(actor, action, course, client=course.client, detail=detail)
    return course


@transaction.atomic
def start_course(actor, course: Course) -> Course:
    """Planned -> active. A client has one active course at a time."""
    if course.status != CourseStatus.PLANNED:
        raise RuleBroken("Only a planned course can be started.")
    if course.client.is_archived:
        raise RuleBroken("This client is archived. Restore the client before starting a course.")
    if Course.objects.filter(client=course.client, status=CourseStatus.ACTIVE).exists():
        raise RuleBroken(
            "This client already has an active course. Complete or end it before starting another."
        )
    course.status = CourseStatus.ACTIVE
    course.started_on = timezone.localdate()
    return _set_status(actor, course, "course.start")


@transaction.atomic
def transfer_course(actor, course: Course, to_therapist, reason: str) -> CourseTransfer:
    """Hand an open course to another therapist; it leaves this caseload and joins theirs."""
    reason = reason.strip()
    if not course.is_open:
        raise RuleBroken("Only a planned or active course can be transferred.")
    if not reason:
        raise RuleBroken("Say why the course is being transferred.")
    if to_therapist.pk == course.therapist_id or not to_therapist.is_therapist:
        raise RuleBroken("Choose another therapist to take the course on.")
    transfer = CourseTransfer.objects.create(
        course=course,
        from_therapist=course.therapist,
        to_therapist=to_therapist,
        reason=reason,
        transferred_by=actor,
    )
    course.therapist = to_therapist
    _set_status(
        actor,
        course,
        "course.transfer",
        {"from": transfer.from_therapist_id, "to": to_therapist.pk},
    )
    return transfer
