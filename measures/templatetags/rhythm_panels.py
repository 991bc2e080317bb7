"""IPSRT panels: the social rhythm chart and the mania screen, for the course and session pages."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from cases.models.access import can_edit_as
from measures.mania import mania_screen
from measures.rhythm_chart import chart_for, weeks_for

register = template.Library()

IPSRT = "ipsrt"


@register.inclusion_tag("measures/panels/course_rhythm.html", takes_context=True)
def course_rhythm_panel(context, course):
    """The course page's IPSRT panel: mania screen flag, regularity chart, week table.
    Shown for IPSRT courses, and for any course that already has a rhythm record."""
    request = context.get("request")
    user = getattr(request, "user", None)
    weeks = weeks_for(course)
    return {
        "course": course,
        "shown": course.adaptation == IPSRT or bool(weeks),
        "mania": mania_screen(course) if course.adaptation == IPSRT else None,
        "chart": chart_for(weeks),
        "can_edit": user is not None and can_edit_as(user, course.therapist),
    }


@register.simple_tag
def mania_tag(course):
    """The small "possible mania" tag for list rows, from ``with_mania_screen`` annotations
    (built in Python, not a template: the caseload shows one a row)."""
    from measures.mania import is_mania_flagged

    if not is_mania_flagged(course):
        return mark_safe("\n")  # noqa: S308
    return format_html(
        '<span class="tag tag--risk" data-testid="mania-tag" title="Latest ASRM {}: at or above '
        'the cut-off of 6">Possible mania</span>\n',
        course.mania_total,
    )


@register.inclusion_tag("measures/panels/session_rhythm.html")
def session_rhythm_summary(session):
    """The last weeks' regularity beside the note's rhythm review (two queries)."""
    weeks = weeks_for(session.course)[-3:]
    return {"weeks": weeks, "course": session.course, "mania": mania_screen(session.course)}
