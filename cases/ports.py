"""Ports: what cases needs from the apps above it, registered by them.

cases owns the course and its life (open, re-plan, extend, end), but two things it must read or
move belong to apps above it (docs/architecture.md):
- the appointments are session records (``sessions``): when the course's plan changes they must
  follow, list pages need each course's progress, and the ending form shows how much of the
  relapse-prevention plan is written (the ``AppointmentBook``);
- the outcome a course ends on is read from its questionnaires (``measures``), and the ending
  rules need it (the ``OutcomeReader``);
- an open suicide-risk flag (``measures``) stops a course completing or a client being
  archived (the ``RiskReader``);
- the timeline (``inventory``) draws the course's depression scores (``measures``) under its
  events (``timeline_scores``);
- a course is seen by more people than its therapist's rule names: a group member's course by
  the group's co-facilitator and their supervisor (``groups``, the ``course sharing``), read
  inside the one access rule, ``cases.models.access``.
The features beside each other (inventory, measures) meet only here, never by importing each
other; measures reads the sessions its questionnaires were given in through the book.
Each is registered once, from the owning app's AppConfig.ready(); cases never imports them.
"""

from typing import Protocol

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Expression


class AppointmentBook(Protocol):
    def lay_out(self, course) -> None:
        """Make the still-scheduled appointments match the course's plan (never deleting)."""

    def cancel_remaining(self, course, why: str) -> int:
        """Void every appointment still scheduled, giving ``why``; returns how many."""

    def attended(self, course):
        """The course's attended, non-void sessions (a Session queryset, by number)."""

    def open_appointments(self, course):
        """Every non-void appointment of the course, by date (a Session queryset)."""

    def relapse_plan_written(self, course) -> tuple[int, int]:
        """How many parts of the course's relapse-prevention plan are written, of how many."""

    def progress(self, now=None) -> dict[str, Expression]:
        """Annotations for a Course queryset: ``attended``, ``first_attended_on``,
        ``last_attended_on`` and ``next_appointment`` (see ``CourseQuerySet.with_progress``)."""


class OutcomeReader(Protocol):
    def __call__(self, courses: list) -> dict:
        """Course id -> its outcome facts (``measures.queries.CourseOutcome``), in O(1) queries."""


class RiskReader(Protocol):
    def open_flags(self, course) -> list:
        """The course's risk flags not yet closed by a review, the most urgent first."""

    def open_flag_reasons(self, client) -> list[str]:
        """Why each open flag on any of the client's courses was raised (one query)."""


_registered: dict[str, object] = {}


def register_appointment_book(book: AppointmentBook) -> None:
    _registered["appointments"] = book


def register_outcome_reader(reader: OutcomeReader) -> None:
    _registered["outcomes"] = reader


def register_timeline_scores(reader) -> None:
    """``reader(course) -> (points, name, maximum)``: points as ``(date, score, label)``."""
    _registered["timeline_scores"] = reader


def register_risk_reader(reader: RiskReader) -> None:
    _registered["risk"] = reader


def register_course_sharing(shared) -> None:
    """``shared(user)``: a queryset of ``course_id`` values (a subquery) of the courses shared
    with ``user`` beyond the therapist's rule, or None when nothing is shared with them."""
    _registered["course_sharing"] = shared


def shared_courses(user):
    """The courses an app above shares with ``user`` (a subquery), or None. Optional: without
    a registration (an app not installed) nothing is shared."""
    shared = _registered.get("course_sharing")
    return None if shared is None else shared(user)


def _get(name: str, owner: str):
    try:
        return _registered[name]
    except KeyError:
        raise ImproperlyConfigured(
            f"Nothing is registered for cases.ports '{name}': the {owner} app registers it "
            "when it loads (is it in INSTALLED_APPS?)."
        ) from None


def book() -> AppointmentBook:
    return _get("appointments", "sessions")


def outcomes(courses: list) -> dict:
    return _get("outcomes", "measures")(courses)


def risk() -> RiskReader:
    return _get("risk", "measures")


def timeline_scores(course) -> tuple[list, str, float]:
    return _get("timeline_scores", "measures")(course)
