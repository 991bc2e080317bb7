"""What the note and formulation pages show of supervision: decisions, comments, the forms.

Each function costs a fixed number of queries, however many reviews or comments there are.
"""

import datetime

from django.db.models import QuerySet
from django.utils.dateparse import parse_datetime

from cases.models.access import supervises
from cases.prepared_queries import PreparedQuery
from sessions.forms import NoteForm
from sessions.models import NoteStatus, RiskLevel, Session, TaskReview
from sessions.services import NOTE_FIELDS
from sessions.techniques import TECHNIQUE_LABELS
from supervision.models import NoteReview, ReviewAction, SupervisorComment
from supervision.review_forms import CommentForm, CosignForm, FormulationCommentForm, ReturnForm

SNAPSHOT_LABELS = {
    **NoteForm.Meta.labels,
    "mood_rating": "Mood rating (0 to 10)",
    "risk_asked": "Suicide risk asked about",
    "techniques": "Techniques used",
    "next_task": "Next interpersonal task",
}
CHOICES = {"task_review": dict(TaskReview.choices), "risk_level": dict(RiskLevel.choices)}


def _shown(name: str, value) -> str:
    if name in CHOICES:
        return CHOICES[name].get(value, value)
    if name == "techniques":
        return ", ".join(TECHNIQUE_LABELS.get(code, code) for code in value or [])
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return "" if value is None else str(value)


def snapshot_rows(snapshot: dict) -> list[tuple[str, str]]:
    """(label, text) of what a reviewed note said, leaving out what was left empty."""
    rows = []
    for name in NOTE_FIELDS:
        value = snapshot.get(name)
        # An unticked initial- or termination-phase box is not something the note said.
        if value in (None, "", [], False) and not (name == "risk_asked" and value is False):
            continue
        text = _shown(name, value)
        if text:
            rows.append((SNAPSHOT_LABELS.get(name, name.replace("_", " ").capitalize()), text))
    for work in snapshot.get("focal_work", []):
        rows.extend((f"{work['area']}: {label}", text) for label, text in work["entries"])
    return rows


def snapshot_signed_at(snapshot: dict) -> datetime.datetime | None:
    value = snapshot.get("signed_at")
    return parse_datetime(value) if value else None


def is_reviewer(session_or_course, user) -> bool:
    """Whether ``user`` is the supervisor of the course's therapist (the one who reviews)."""
    course = getattr(session_or_course, "course", session_or_course)
    return supervises(user, course.therapist)


def note_review_context(
    session: Session,
    user,
    *,
    return_form: ReturnForm | None = None,
    comment_form: CommentForm | None = None,
    review_error: str = "",
) -> dict:
    """The review panel, history and comments of a session note: two queries."""
    reviews = list(
        NoteReview.objects.filter(session=session)
        .select_related("reviewed_by")
        .order_by("reviewed_at", "id")
    )
    for review in reviews:
        review.rows = snapshot_rows(review.note_snapshot)
        review.signed_at = snapshot_signed_at(review.note_snapshot)
        review.signed_by_name = review.note_snapshot.get("signed_by_name", "")
    comments = list(
        SupervisorComment.objects.filter(session=session)
        .select_related("author")
        .order_by("created_at", "id")
    )
    reviewer = is_reviewer(session, user)
    returns = [r for r in reviews if r.action == ReviewAction.RETURNED]
    can_review = (
        reviewer
        and session.awaiting_cosignature
        and not session.is_void
        and session.signed_by_id != getattr(user, "pk", None)
    )
    return {
        "reviews": reviews,
        "supervisor_comments": comments,
        "latest_return": returns[-1] if session.status == NoteStatus.RETURNED and returns else None,
        "is_reviewer": reviewer,
        "can_review": can_review,
        # Whether the page has a supervision column beside the note.
        "shows_supervision": bool(review_error or reviewer or reviews or comments),
        "cosign_form": CosignForm(initial={"version": session.version}),
        "return_form": return_form
        or ReturnForm(initial={"version": session.version}, prefix="return"),
        "comment_form": comment_form or CommentForm(prefix="comment"),
        "review_error": review_error,
    }


def latest_return(session: Session) -> NoteReview | None:
    """The return a note is being revised after (one query), or None when it was not returned."""
    if session.status != NoteStatus.RETURNED:
        return None
    return (
        NoteReview.objects.filter(session=session, action=ReviewAction.RETURNED)
        .select_related("reviewed_by")
        .order_by("-reviewed_at", "-id")
        .first()
    )


def returned_to(therapist) -> QuerySet[Session]:
    """Notes sent back to ``therapist`` for revision, oldest first (one query when listed)."""
    return (
        Session.objects.editable_by(therapist)
        .not_void()
        .filter(status=NoteStatus.RETURNED)
        .select_related("course__client")
        .order_by("held_at", "id")
    )


# Its SQL is built once per process (``cases.prepared_queries``): every formulation page asks.
FORMULATION_COMMENTS_QUERY = PreparedQuery(
    lambda formulation_id: (
        SupervisorComment.objects.filter(formulation_id=formulation_id)
        .select_related("author")
        .order_by("created_at", "id")
    )
)


def formulation_comment_context(
    course, formulation, user, *, comment_form: FormulationCommentForm | None = None
) -> dict:
    """Comments on one formulation version, and the supervisor's form: one query."""
    if formulation is None:
        return {"formulation_comments": [], "shows_formulation_comments": False}
    comments = FORMULATION_COMMENTS_QUERY.list(formulation_id=formulation.pk)
    reviewer = is_reviewer(course, user)
    return {
        "formulation_comments": comments,
        "commented_formulation": formulation,
        "is_reviewer": reviewer,
        "shows_formulation_comments": bool(comments or reviewer),
        "formulation_comment_form": comment_form
        or FormulationCommentForm(initial={"number": formulation.number}, prefix="comment"),
    }
