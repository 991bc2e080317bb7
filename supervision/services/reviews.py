"""A supervisor's decisions on a trainee's note, and comments on notes and formulations.

Every function is atomic and writes its audit row in the same transaction. The rules hold
whatever calls them: only the course therapist's supervisor decides or comments, only a
trainee's note awaiting co-signature can be decided, nobody decides on a note they signed
themselves, and a decision taken on a page loaded before someone else's is refused.
"""

from django.db import transaction

from audit import trail
from cases.models import Course
from cases.models.access import supervises
from inventory.models import Formulation
from sessions.models import NoteStatus, Session
from sessions.services import NOTE_FIELDS
from supervision.models import NoteReview, ReviewAction, SupervisorComment


class NotAllowed(Exception):
    """The person is not the one who may do this (a 403 for someone who can see the record)."""


class NotAwaitingReview(Exception):
    """The note is in no state to be co-signed or returned (already decided, or not a trainee's)."""


class StaleDecision(Exception):
    """The note changed after the page was loaded: another tab or person decided first."""


class CommentRequired(Exception):
    """A return, or a comment, with nothing written."""


def _require_supervisor(course: Course, by) -> None:
    if not supervises(by, course.therapist):
        raise NotAllowed(
            "Only the therapist's clinical supervisor can review or comment on this course."
        )


def _lock(session: Session) -> Session:
    return (
        Session.objects.select_for_update(of=("self",))
        .select_related("course__therapist", "course__client", "signed_by", "author")
        .get(pk=session.pk)
    )


def _require_not_own(session: Session, by) -> None:
    if session.signed_by_id is not None and session.signed_by_id == getattr(by, "pk", None):
        raise NotAllowed("Nobody co-signs or returns a note they signed themselves.")


def _require_awaiting(session: Session, expected_version: int | None) -> None:
    if expected_version is not None and session.version != expected_version:
        raise StaleDecision(
            "This note changed after you opened it (another tab, or someone else decided "
            "first). Nothing was recorded: read it again below before deciding."
        )
    if session.is_void or not session.awaiting_cosignature:
        raise NotAwaitingReview(
            "This note is not awaiting a co-signature: only a trainee's signed note is "
            "co-signed or returned, once."
        )


def note_snapshot(session: Session) -> dict:
    """The note as it stands, in JSON: what the trainee signed, kept with the decision."""
    snapshot = {name: getattr(session, name) for name in NOTE_FIELDS}
    snapshot["signed_at"] = session.signed_at.isoformat() if session.signed_at else None
    snapshot["signed_by"] = session.signed_by_id
    snapshot["signed_by_name"] = session.signed_by.display_name if session.signed_by else ""
    snapshot["focal_work"] = [
        {
            "area": work.get_area_display(),
            "entries": [
                *([["People involved", named]] if (named := work.people_named()) else []),
                *(list(row) for row in work.entries()),
            ],
        }
        for work in session.focal_work.prefetch_related("people")
    ]
    return snapshot


def _decide(session: Session, by, action: str, comment: str, expected_version: int | None):
    session = _lock(session)
    _require_not_own(session, by)
    _require_supervisor(session.course, by)
    _require_awaiting(session, expected_version)
    review = NoteReview.objects.create(
        session=session,
        action=action,
        comment=comment,
        note_snapshot=note_snapshot(session),
        reviewed_by=by,
    )
    if action == ReviewAction.COSIGNED:
        session.status = NoteStatus.COSIGNED
        session.cosigned_at = review.reviewed_at
        session.cosigned_by = by
    else:
        # signed_at/by stay as they were: they say who signed the text now kept in the review.
        session.status = NoteStatus.RETURNED
    session.version += 1
    session.save(update_fields=["status", "cosigned_at", "cosigned_by", "version", "updated_at"])
    return session, review


@transaction.atomic
def cosign_note(session: Session, by, *, expected_version: int | None = None) -> Session:
    """Co-sign a trainee's signed note: it becomes final, like any signed note."""
    session, review = _decide(session, by, ReviewAction.COSIGNED, "", expected_version)
    trail.record(
        by,
        "session.cosign",
        session,
        client=session.course.client,
        detail={"review": review.pk, "signed_by": session.signed_by_id},
    )
    return session


@transaction.atomic
def return_note(
    session: Session, by, comment: str, *, expected_version: int | None = None
) -> NoteReview:
    """Send a trainee's signed note back for revision, saying what needs to change.

    The note becomes editable again for the trainee; the text they signed stays in the
    review's snapshot.
    """
    comment = (comment or "").strip()
    if not comment:
        raise CommentRequired("Say what needs revising before you return the note.")
    session, review = _decide(session, by, ReviewAction.RETURNED, comment, expected_version)
    trail.record(
        by,
        "session.return",
        session,
        client=session.course.client,
        detail={"review": review.pk, "signed_by": session.signed_by_id},
    )
    return review


def _add_comment(course: Course, by, text: str, **target) -> SupervisorComment:
    _require_supervisor(course, by)
    text = (text or "").strip()
    if not text:
        raise CommentRequired("Write the comment before adding it.")
    comment = SupervisorComment.objects.create(course=course, author=by, text=text, **target)
    obj = target.get("session") or target.get("formulation")
    trail.record(
        by,
        "comment.add",
        obj,
        client=course.client,
        detail={"comment": comment.pk, "course": course.pk},
    )
    return comment


@transaction.atomic
def comment_on_session(session: Session, by, text: str) -> SupervisorComment:
    """A supervisor's comment on a session note, shown to the therapist beside it."""
    course = Course.objects.select_related("therapist", "client").get(pk=session.course_id)
    return _add_comment(course, by, text, session=session)


@transaction.atomic
def comment_on_formulation(formulation: Formulation, by, text: str) -> SupervisorComment:
    """A supervisor's comment on one formulation version, shown beside that version."""
    course = Course.objects.select_related("therapist", "client").get(pk=formulation.course_id)
    return _add_comment(course, by, text, formulation=formulation)
