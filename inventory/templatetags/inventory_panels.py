from django import template
from django.db.models import Count, Q

from cases.presence import known_empty
from inventory.models import MOOD_KINDS, details_q
from inventory.progress import completion_for

register = template.Library()


@register.inclusion_tag("inventory/panels/course_inventory.html", takes_context=True)
def course_inventory_panel(context, course):
    """The course page's inventory and timeline summary (three small queries)."""
    people = course.people.current().aggregate(
        total=Count("id"),
        inner=Count("id", filter=Q(closeness="inner")),
        serious_conflict=Count("id", filter=Q(conflict_level="high")),
        with_details=Count("id", filter=details_q()),
    )
    if known_empty(course, "timeline"):
        timeline = {"events": 0, "markers": 0}
    else:
        timeline = course.timeline.current().aggregate(
            events=Count("id", filter=~Q(kind__in=MOOD_KINDS)),
            markers=Count("id", filter=Q(kind__in=MOOD_KINDS)),
        )
    return {
        "course": course,
        "people": people,
        "timeline": timeline,
        "completion": completion_for(course),
        "request": context.get("request"),
    }
