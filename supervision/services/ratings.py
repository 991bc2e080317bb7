"""A supervisor's rating of a course on our IPT adherence and quality rubric.

Atomic and audited in the same transaction. Only the course therapist's own supervisor rates;
a rating is never edited: rating again on another date adds a row, and the database keeps one
rating per course and review date.
"""

import datetime

from django.db import IntegrityError, transaction

from audit import trail
from cases.models import Course
from cases.models.access import supervises
from supervision.models import FidelityRating
from supervision.rubric import DOMAINS, LEVELS


class NotAllowed(Exception):
    """Someone who can see the course but is not its therapist's supervisor."""


class AlreadyRated(Exception):
    """The course already has a rating on that review date."""


class InvalidScores(ValueError):
    """Scores that do not fit the rubric (unknown domain, level outside 1-5, domain left out)."""


def may_rate(user, course: Course) -> bool:
    """Only the supervisor of the course's therapist rates it."""
    return supervises(user, course.therapist)


def refusal(course: Course) -> str:
    supervisor = course.therapist.supervisor
    if supervisor is None:
        return (
            f"{course.therapist.display_name} has no supervisor recorded, so nobody can rate "
            "this course yet. A service administrator can set the supervisor."
        )
    return (
        f"Only {supervisor.display_name}, who supervises {course.therapist.display_name}, "
        "rates this course. You can still read its fidelity page and past ratings."
    )


def clean_scores(scores: dict) -> dict[str, int]:
    """The scores as ``{domain key: level}`` in rubric order, or ``InvalidScores``."""
    known = {domain.key for domain in DOMAINS}
    unknown = set(scores) - known
    if unknown:
        raise InvalidScores(f"Not in the rubric: {', '.join(sorted(unknown))}.")
    cleaned: dict[str, int] = {}
    for domain in DOMAINS:
        level = scores.get(domain.key)
        if level is None:
            if domain.may_wait:
                continue
            raise InvalidScores(f"Rate “{domain.label}”.")
        if type(level) is not int or level not in LEVELS:
            raise InvalidScores(f"“{domain.label}” takes a level from 1 to 5.")
        cleaned[domain.key] = level
    return cleaned


def rate_course(
    course: Course, by, reviewed_on: datetime.date, scores: dict, comments: str = ""
) -> FidelityRating:
    """Record ``by``'s rating of ``course`` on ``reviewed_on``; audited as "fidelity.rate"."""
    if not may_rate(by, course):
        raise NotAllowed(refusal(course))
    cleaned = clean_scores(scores)
    with transaction.atomic():
        try:
            # A savepoint: the unique constraint may fire, and the outer transaction must
            # survive it to report the refusal.
            with transaction.atomic():
                rating = FidelityRating.objects.create(
                    course=course,
                    reviewed_on=reviewed_on,
                    scores=cleaned,
                    comments=comments.strip(),
                    rated_by=by,
                )
        except IntegrityError as error:
            if FidelityRating.objects.filter(course=course, reviewed_on=reviewed_on).exists():
                raise AlreadyRated(
                    f"This course already has a rating on {reviewed_on:%d %b %Y}. "
                    "Choose another review date: earlier ratings are kept as they were."
                ) from error
            raise
        trail.record(
            by,
            "fidelity.rate",
            rating,
            client=course.client,
            detail={
                "course": course.pk,
                "reviewed_on": reviewed_on.isoformat(),
                "scores": cleaned,
            },
        )
    return rating
