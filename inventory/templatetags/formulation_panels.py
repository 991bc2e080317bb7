from django import template

from inventory.formulation_progress import formulation_versions

register = template.Library()


@register.inclusion_tag("cases/panels/course_formulation.html", takes_context=True)
def course_formulation_panel(context, course):
    """The course page's formulation summary, loud when the initial phase ends with none shared.

    Shares the checklist's single query for the versions (see ``formulation_versions``).
    """
    versions = formulation_versions(course)
    ever_shared = any(v.is_shared for v in versions)
    return {
        "course": course,
        "current": versions[0] if versions else None,
        "ever_shared": ever_shared,
        # A maintenance course carries its formulation over; only an acute course can be late.
        "overdue": not course.is_maintenance and course.phase != "initial" and not ever_shared,
        "request": context.get("request"),
    }


@register.inclusion_tag("cases/panels/formulation_review.html", takes_context=True)
def formulation_review_prompt(context, course):
    """At the start of maintenance: review the inherited formulation (confirm it or revise it),
    shown until done; afterwards, who confirmed it and when. Nothing for other courses."""
    from cases.models.access import can_edit_as
    from inventory.formulation_review import inherited_formulation

    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "course": course,
        "inherited": inherited_formulation(course),
        "can_edit": user is not None and can_edit_as(user, course.therapist),
        "csrf_token": context.get("csrf_token"),
        # Confirming from a session note comes back to the note.
        "next": request.path if request is not None else "",
    }
