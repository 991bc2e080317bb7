"""The counts the course page's inventory panel shows, as aggregates (the panel's own query)
or as subqueries the course page puts in its one course query (``ipt_site.pages.course``),
which then hands them to the panel with ``cases.presence.preload``: one rule, two shapes."""

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from inventory.models import MOOD_KINDS, Person, TimelineEvent, details_q


def people_counts() -> dict:
    """Aggregates over a course's current people."""
    return {
        "total": Count("id"),
        "inner": Count("id", filter=Q(closeness="inner")),
        "serious_conflict": Count("id", filter=Q(conflict_level="high")),
        "with_details": Count("id", filter=details_q()),
    }


def timeline_counts() -> dict:
    """Aggregates over a course's current timeline events."""
    return {
        "events": Count("id", filter=~Q(kind__in=MOOD_KINDS)),
        "markers": Count("id", filter=Q(kind__in=MOOD_KINDS)),
    }


def _per_course(model, name: str, aggregate) -> Coalesce:
    rows = (
        model.objects.filter(course=OuterRef("pk"))
        .current()
        .order_by()
        .values("course")
        .annotate(**{name: aggregate})
        .values(name)
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def course_annotations() -> dict:
    """``inventory_people_<name>`` and ``inventory_timeline_<name>`` for a Course queryset."""
    annotations = {}
    for name, aggregate in people_counts().items():
        annotations[f"inventory_people_{name}"] = _per_course(Person, name, aggregate)
    for name, aggregate in timeline_counts().items():
        annotations[f"inventory_timeline_{name}"] = _per_course(TimelineEvent, name, aggregate)
    return annotations


def from_annotations(course) -> tuple[dict, dict]:
    """(people, timeline) counts read from ``course_annotations`` on ``course``."""
    people = {name: getattr(course, f"inventory_people_{name}") for name in people_counts()}
    timeline = {name: getattr(course, f"inventory_timeline_{name}") for name in timeline_counts()}
    return people, timeline
