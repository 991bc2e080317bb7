"""The course page's "For the client" link to the client copy of the formulation."""

from django import template

register = template.Library()


@register.inclusion_tag("inventory/panels/client_formulation_link.html")
def client_formulation_link(course) -> dict:
    """The link, once the course has a formulation (one query)."""
    return {"course": course, "has_formulation": course.formulations.exists()}
