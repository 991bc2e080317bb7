"""The course page's "For the client" link to the client copy of the formulation."""

from django import template

from inventory.formulation_progress import formulation_versions

register = template.Library()


@register.inclusion_tag("inventory/panels/client_formulation_link.html")
def client_formulation_link(course) -> dict:
    """The link, once the course has a formulation (the versions the course page's panel and
    checklist read already: no query of its own there)."""
    return {"course": course, "has_formulation": bool(formulation_versions(course))}
