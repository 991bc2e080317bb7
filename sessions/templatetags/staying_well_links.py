"""The course page's "For the client" link to the staying-well plan."""

from django import template

from sessions.staying_well import has_plan

register = template.Library()


@register.inclusion_tag("session_logs/panels/staying_well_link.html")
def staying_well_link(course) -> dict:
    """The link, once the course has a relapse-prevention plan (one query)."""
    return {"course": course, "has_plan": has_plan(course)}
