from django import template

register = template.Library()


@register.inclusion_tag("cases/panels/course_formulation.html", takes_context=True)
def course_formulation_panel(context, course):
    """The course page's formulation summary. The formulation issue fills this in."""
    return {"course": course, "request": context.get("request")}
