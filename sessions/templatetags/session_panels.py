from django import template

register = template.Library()


@register.inclusion_tag("session_logs/panels/course_sessions.html", takes_context=True)
def course_sessions_panel(context, course):
    """The course page's list of sessions. The sessions issue fills this in."""
    return {"course": course, "request": context.get("request")}
