"""Who may see which clinical record: the one rule every scoped queryset is built from."""

from django.db import models
from django.db.models import Q

from cases import ports
from cases.models.lookups import in_subquery_q


def visible_therapists_q(user, field: str) -> Q:
    """A filter on ``field`` (a path to a therapist user) that keeps only what ``user`` may see.

    A therapist sees their own records, a supervisor those of the therapists they supervise, a
    service administrator everything, anyone else nothing. ``field=""`` filters user rows
    themselves (the therapists whose records ``user`` may see).
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(pk__in=[])
    if user.is_service_admin:
        return Q()
    if user.is_supervisor:
        return Q(**{f"{field}__supervisor" if field else "supervisor": user})
    return Q(**{field: user}) if field else Q(pk=user.pk)


def visible_courses_q(user, course_path: str = "") -> Q:
    """A filter on ``course_path`` (a path to a course; "" filters courses themselves) that
    keeps the courses ``user`` may see: by their therapist (``visible_therapists_q``), or
    shared with them by an app above (a group member's course with the group's facilitators
    and their supervisors, ``cases.ports.shared_courses``). One query: the share is a subquery.
    """
    prefix = f"{course_path}__" if course_path else ""
    q = visible_therapists_q(user, f"{prefix}therapist")
    shared = ports.shared_courses(user)
    if shared is not None:
        # Written ``= ANY(ARRAY(...))`` on PostgreSQL, so both sides of the OR use their indexes.
        q |= in_subquery_q(course_path or "pk", shared)
    return q


class CourseScopedQuerySet(models.QuerySet):
    """The queryset every clinical record of a course is read through (tests/site/
    test_architecture.py checks each model with a path to a course uses it).

    ``course_path`` is the lookup from the record to its course: "course" for most, longer for
    a part of another record (a session's communication analysis: "session__course").
    """

    course_path = "course"

    def visible_to(self, user):
        """The one access path: through the course, like every clinical record."""
        return self.filter(visible_courses_q(user, self.course_path))


def supervises(user, therapist) -> bool:
    """Whether ``user`` is ``therapist``'s clinical supervisor: the one who co-signs, rates,
    comments and keeps the supervision log."""
    return (
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.is_supervisor
        and therapist.supervisor_id is not None
        and therapist.supervisor_id == user.pk
    )


def can_edit_as(user, therapist) -> bool:
    """Only the treating therapist writes; supervisors and administrators read."""
    return getattr(user, "is_authenticated", False) and user.pk == therapist.pk
