"""Demo supervision for ``manage.py seed_demo``: what the supervisor's week looks like.

Runs after the cases, sessions, inventory and measures demos. It leaves the trainee (therapist2)
with two notes awaiting co-signature and one returned for revision with a comment, rates one
course on the fidelity rubric, comments on a formulation, and writes a supervision log entry
for each therapist. Idempotent: nothing is added once the supervisor has left any review,
rating or log entry.
"""

import datetime

from django.utils import timezone

from accounts.models import User
from cases.models import Course
from sessions.demo import leave_awaiting_cosignature
from sessions.models import Session
from supervision.models import FidelityRating, NoteReview, SupervisionEntry
from supervision.rubric import DOMAINS
from supervision.services import log, ratings, reviews

RETURN_COMMENT = (
    "Please add what Chloe actually said about school this week and how her mother responded; "
    "the note reads as a summary. Record the exchange in her words, then sign it again."
)
FORMULATION_COMMENT = (
    "Clear summary in plain words. Add the client's own words about the goals, so the middle "
    "phase can check progress against them."
)


def seed(users: dict[str, User]) -> None:
    supervisor = users.get("supervisor")
    trainee = users.get("therapist2")
    therapist = users.get("therapist1")
    if supervisor is None or trainee is None or therapist is None:
        return
    already = (
        NoteReview.objects.filter(reviewed_by=supervisor).exists()
        or FidelityRating.objects.filter(rated_by=supervisor).exists()
        or SupervisionEntry.objects.filter(supervisor=supervisor).exists()
    )
    if already:
        return
    courses = {
        course.client.record_number: course
        for course in Course.objects.filter(therapist__in=[trainee, therapist])
        .current()
        .select_related("client", "therapist")
    }
    for key in ("DEMO-2002", "DEMO-2003"):
        _awaiting(courses.get(key), trainee)
    _returned_note(courses.get("DEMO-2001"), trainee, supervisor)
    _rating(courses.get("DEMO-2002"), supervisor)
    _formulation_comment(courses.get("DEMO-2003"), supervisor)
    today = timezone.localdate()
    log.add_entry(
        trainee,
        supervisor,
        today - datetime.timedelta(days=7),
        [c for key, c in courses.items() if key in ("DEMO-2002", "DEMO-2003")],
        "Robert: keep the role-dispute focus; the late-life adaptation does not change the "
        "structure. "
        "Aisha: EPDS falling; start preparing the ending now, four sessions out.",
        "Priya to role-play the conversation with Robert's daughter Karen next session. "
        "Bring Aisha's relapse-prevention draft to supervision.",
    )
    log.add_entry(
        therapist,
        supervisor,
        today - datetime.timedelta(days=5),
        [c for key, c in courses.items() if key in ("DEMO-1001", "DEMO-1002")],
        "Maya: risk raised at session 2; safety plan agreed, review at every session. "
        "Daniel: not on track at session 7; revisit the formulation with him.",
        "Tom to review Daniel's formulation with him and agree whether the focus still fits.",
    )


def _latest_note(course: Course) -> Session | None:
    return course.sessions.attended().order_by("-number").first()


def _awaiting(course: Course | None, trainee: User) -> Session | None:
    """The trainee's latest note in ``course``, left waiting for the supervisor."""
    note = _latest_note(course) if course is not None else None
    if note is None or note.author_id != trainee.pk:
        return None
    leave_awaiting_cosignature(note, trainee)
    note.refresh_from_db()
    return note


def _returned_note(course: Course | None, trainee: User, supervisor: User) -> None:
    note = _awaiting(course, trainee)
    if note is not None and note.awaiting_cosignature:
        reviews.return_note(note, supervisor, RETURN_COMMENT)


def _rating(course: Course | None, supervisor: User) -> None:
    if course is None:
        return
    # Session 10 of 16: termination work is not due yet, so that domain stays unrated.
    scores = {
        domain.key: (4 if index % 3 else 3)
        for index, domain in enumerate(DOMAINS)
        if not domain.may_wait
    }
    ratings.rate_course(
        course,
        supervisor,
        timezone.localdate() - datetime.timedelta(days=7),
        scores,
        "Structure is good and the role-dispute focus is held. One role play so far: plan "
        "another before the termination phase.",
    )


def _formulation_comment(course: Course | None, supervisor: User) -> None:
    if course is None:
        return
    formulation = course.formulations.order_by("-number").first()
    if formulation is not None:
        reviews.comment_on_formulation(formulation, supervisor, FORMULATION_COMMENT)
