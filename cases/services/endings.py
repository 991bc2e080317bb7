"""Ending a course, extending it at its end, and reopening it.

Each function is atomic, refuses what the clinic's rules do not allow (``RuleBroken`` or
``EndingInvalid``: nothing is saved) and writes a ``CourseEnding`` history row and its audit
row in the same transaction. An open suicide-risk flag is never closed by any of them: it stays
on the course until a risk review closes it.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from cases import endings as rules
from cases.exceptions import RuleBroken
from cases.models import Course, CourseEnding
from cases.models.access import supervises
from cases.models.courses import (
    STANDARD_MAX_SESSIONS,
    STANDARD_MIN_SESSIONS,
    CourseStatus,
    EndReason,
)
from cases.models.endings import EndingKind, NextStep
from cases.services.courses import _set_status, _void_remaining_appointments, sync_schedule
from cases.versioning import claim_next_version


class EndingInvalid(RuleBroken):
    """Some fields of an ending do not hold; ``errors`` maps each field to its message."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(" ".join(errors.values()))
        self.errors = errors


def _claim(course: Course, expected_version: int | None) -> None:
    if expected_version is not None:
        claim_next_version(course, expected_version)
        course.version -= 1  # ``_set_status`` takes the next one when it saves


def _ending(actor, course: Course, kind: str, **fields) -> CourseEnding:
    return CourseEnding.objects.create(
        course=course,
        kind=kind,
        recorded_by=actor,
        sessions_held=course.attended_count,
        planned_sessions=course.planned_sessions,
        **fields,
    )


@transaction.atomic
def complete_course(
    actor,
    course: Course,
    *,
    decision: str = "",
    extra_sessions: int | None = None,
    reason: str = "",
    expected_version: int | None = None,
) -> CourseEnding:
    """Close a course in its termination phase, with no open risk flag, recording what happens
    next. The decision "extend" keeps the course active with more planned sessions instead."""
    if refusal := rules.completion_refusal(course):
        raise RuleBroken(refusal)
    reason = reason.strip()
    errors = rules.decision_errors(
        course, rules.final_outcome(course), decision, extra_sessions, reason
    )
    if errors:
        raise EndingInvalid(errors)
    _claim(course, expected_version)
    if decision == NextStep.EXTEND:
        return _extend(actor, course, extra_sessions, reason)
    course.status = CourseStatus.COMPLETED
    course.ended_on = timezone.localdate()
    _void_remaining_appointments(course, "Not needed: the course was completed.")
    ending = _ending(
        actor,
        course,
        EndingKind.COMPLETED,
        ended_on=course.ended_on,
        decision=decision,
        decision_reason=reason if decision else "",
    )
    _set_status(actor, course, "course.complete", {"decision": decision})
    return ending


def _extend(actor, course: Course, extra: int, reason: str) -> CourseEnding:
    ending = _ending(
        actor,
        course,
        EndingKind.EXTENDED,
        decision=NextStep.EXTEND,
        extra_sessions=extra,
        decision_reason=reason,
    )
    course.planned_sessions += extra
    if not STANDARD_MIN_SESSIONS <= course.planned_sessions <= STANDARD_MAX_SESSIONS:
        why = f"Extended by {extra} at the end of the course: {reason}"
        course.length_reason = f"{course.length_reason}\n{why}".strip()
    _set_status(
        actor,
        course,
        "course.extend",
        {"extra_sessions": extra, "planned_sessions": course.planned_sessions},
    )
    sync_schedule(course)
    return ending


@transaction.atomic
def end_course_early(
    actor,
    course: Course,
    reason: str,
    note: str = "",
    *,
    told: str = "",
    arranged: str = "",
    expected_version: int | None = None,
) -> CourseEnding:
    """Planned or active -> ended early, with a reason. With a risk flag open, a recorded risk
    handover (who was told, what was arranged) is required; the flag itself stays open."""
    if not course.is_open:
        raise RuleBroken("This course has already ended.")
    note, told, arranged = note.strip(), told.strip(), arranged.strip()
    errors = {}
    if reason not in EndReason.values:
        errors["reason"] = "Choose why the course is ending early."
    elif reason == EndReason.OTHER and not note:
        errors["note"] = "Describe the reason when it is 'Other'."
    flags = rules.open_flags(course)
    if flags and not told:
        errors["handover_told"] = "Say who was told about the open risk."
    if flags and not arranged:
        errors["handover_arranged"] = "Say what was arranged for the client's safety."
    if errors:
        raise EndingInvalid(errors)
    _claim(course, expected_version)
    course.status = CourseStatus.ENDED_EARLY
    course.ended_on = timezone.localdate()
    course.end_reason = reason
    course.end_note = note
    _void_remaining_appointments(course, "Not needed: the course ended early.")
    ending = _ending(
        actor,
        course,
        EndingKind.ENDED_EARLY,
        ended_on=course.ended_on,
        end_reason=reason,
        end_note=note,
        open_risk_flags=len(flags),
        handover_told=told if flags else "",
        handover_arranged=arranged if flags else "",
    )
    _set_status(
        actor, course, "course.end_early", {"reason": reason, "open_risk_flags": len(flags)}
    )
    return ending


def can_reopen(user, course: Course) -> bool:
    """The treating therapist or their supervisor may reopen a closed course."""
    return getattr(user, "is_authenticated", False) and (
        user.pk == course.therapist_id or supervises(user, course.therapist)
    )


@transaction.atomic
def reopen_course(
    actor, course: Course, reason: str, *, expected_version: int | None = None
) -> Course:
    """Completed or ended early -> active again, with a reason. The ending stays in the
    history, marked as reopened; appointments are booked afresh from the course page."""
    if not can_reopen(actor, course):
        raise PermissionDenied("Only the treating therapist or their supervisor can reopen it.")
    if not course.is_closed:
        raise RuleBroken("This course is open already: there is nothing to reopen.")
    reason = reason.strip()
    if not reason:
        raise EndingInvalid({"reason": "Say why the course is being reopened."})
    if course.client.is_archived:
        raise RuleBroken("This client is archived. Restore the client before reopening a course.")
    if Course.objects.filter(client_id=course.client_id).unfinished().exclude(pk=course.pk):
        raise RuleBroken(
            "This client has another open course. Complete or end it before reopening this one."
        )
    _claim(course, expected_version)
    ending = course.endings.standing().order_by("-recorded_at", "-id").first()
    if ending is None:  # a course closed before endings were recorded
        ending = _ending(
            actor,
            course,
            course.status,
            ended_on=course.ended_on,
            end_reason=course.end_reason,
            end_note=course.end_note,
        )
    ending.reopened_at = timezone.now()
    ending.reopened_by = actor
    ending.reopen_reason = reason
    ending.save(update_fields=["reopened_at", "reopened_by", "reopen_reason"])
    was = course.status
    course.status = CourseStatus.ACTIVE
    course.ended_on = None
    course.end_reason = ""
    course.end_note = ""
    return _set_status(actor, course, "course.reopen", {"reason": reason, "was": was})
