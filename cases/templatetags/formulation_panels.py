from django import template

from cases.formulation_progress import formulation_shared

register = template.Library()


@register.inclusion_tag("cases/panels/course_formulation.html", takes_context=True)
def course_formulation_panel(context, course):
    """The course page's formulation summary, loud when the initial phase ends with none shared."""
    current = course.formulations.order_by("-number").first()
    shared = formulation_shared(course) if current and not current.is_shared else None
    ever_shared = bool(current and current.is_shared) or shared is not None
    return {
        "course": course,
        "current": current,
        "ever_shared": ever_shared,
        "overdue": course.phase != "initial" and not ever_shared,
        "request": context.get("request"),
    }
