from django import template

from cases.presence import known_empty, preloaded
from inventory import panel_counts
from inventory.progress import completion_for

register = template.Library()


def _read_counts(course) -> tuple[dict, dict]:
    people = course.people.current().aggregate(**panel_counts.people_counts())
    if known_empty(course, "timeline"):
        timeline = {"events": 0, "markers": 0}
    else:
        timeline = course.timeline.current().aggregate(**panel_counts.timeline_counts())
    return people, timeline


@register.inclusion_tag("inventory/panels/course_inventory.html", takes_context=True)
def course_inventory_panel(context, course):
    """The course page's inventory and timeline summary: the counts the page read with the
    course (``inventory.panel_counts``), else two small queries."""
    people, timeline = preloaded(course, "inventory_counts", lambda: _read_counts(course))
    return {
        "course": course,
        "people": people,
        "timeline": timeline,
        "completion": completion_for(course),
        "request": context.get("request"),
    }
