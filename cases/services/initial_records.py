"""Writing the initial-phase records. Each function is atomic and writes its audit row.

The records are a history: every call adds a row, the latest is current, nothing is overwritten.
"""

from django.db import transaction

from audit import trail
from cases.exceptions import RuleBroken
from cases.models import Course
from cases.models.initial_records import (
    LengthAgreement,
    SickRoleEntry,
    SickRoleKind,
    SuitabilityRecord,
)


@transaction.atomic
def record_suitability(actor, course: Course, record: SuitabilityRecord) -> SuitabilityRecord:
    """Save why IPT suits this client (a first record, or a later correction)."""
    record.course = course
    record.recorded_by = actor
    revision = course.suitability_records.exists()
    record.save()
    trail.record(
        actor,
        "course.suitability",
        record,
        client=course.client,
        detail={"course": course.pk, "revision": revision},
    )
    return record


@transaction.atomic
def agree_length(actor, course: Course, agreement: LengthAgreement) -> LengthAgreement:
    """Record that the client agreed to the course's planned length and an end date.

    The number agreed is the plan's (``Course.planned_sessions``), read again under a lock so an
    edit of the plan in another tab cannot slip in between.
    """
    locked = Course.objects.select_for_update().get(pk=course.pk)
    if not locked.is_open:
        raise RuleBroken("This course is closed: there is no length left to agree.")
    agreement.course = locked
    agreement.sessions = locked.planned_sessions
    agreement.recorded_by = actor
    agreement.save()
    trail.record(
        actor,
        "course.length_agreed",
        agreement,
        client=course.client,
        detail={
            "course": course.pk,
            "sessions": agreement.sessions,
            "ends_by": agreement.ends_by.isoformat(),
            "agreed_on": agreement.agreed_on.isoformat(),
        },
    )
    return agreement


@transaction.atomic
def record_sick_role(actor, course: Course, entry: SickRoleEntry) -> SickRoleEntry:
    """Record the sick role given, or (after it was given) the roles the client took back."""
    if entry.kind == SickRoleKind.RESUMED:
        given = course.sick_role_entries.filter(kind=SickRoleKind.GIVEN).latest_first().first()
        if given is None:
            raise RuleBroken("Record the sick role first: roles are resumed after it was given.")
        if entry.on < given.on:
            raise RuleBroken(
                f"The sick role was given on {given.on:%-d %b %Y}: roles are resumed after it."
            )
    entry.course = course
    entry.recorded_by = actor
    entry.save()
    trail.record(
        actor,
        f"course.sick_role.{entry.kind}",
        entry,
        client=course.client,
        detail={"course": course.pk, "on": entry.on.isoformat()},
    )
    return entry
