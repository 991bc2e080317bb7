from django import template

from sessions.appointments import todays_appointment
from sessions.course_sessions_html import course_sessions_html
from sessions.models import Attendance
from sessions.review_panels import review_panels
from sessions.schedule import course_sessions
from sessions.schedule_html import schedule_html

register = template.Library()


def panel_values(context, course) -> dict:
    """What the course page's list of sessions shows (``course_sessions_html``; the template
    ``session_logs/panels/course_sessions.html`` is its reference)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    sessions = course_sessions(course)
    recorded = [s for s in sessions if s.attendance != Attendance.SCHEDULED or s.is_void]
    scheduled = [s for s in sessions if s.attendance == Attendance.SCHEDULED and not s.is_void]
    return {
        "course": course,
        "request": request,
        "recorded": recorded,
        "next_appointment": scheduled[0] if scheduled else None,
        "todays_appointment": todays_appointment(scheduled),
        "later_count": max(len(scheduled) - 1, 0),
        "can_write": user is not None and course.therapist_id == user.pk,
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag(takes_context=True)
def course_sessions_panel(context, course):
    """The course page's list of sessions: one query, however many sessions the course has,
    written in Python (``sessions.course_sessions_html``)."""
    values = panel_values(context, course)
    del values["course"], values["request"]
    return course_sessions_html(course, **values)


@register.simple_tag
def course_schedule_panel(course, schedule, can_edit):
    """The course page's schedule table, written in Python (``sessions.schedule_html``)."""
    return schedule_html(course, schedule, can_edit)


@register.simple_tag(takes_context=True)
def review_section_panels(context, session):
    """Panels other apps put in the note's review section (sessions/review_panels.py)."""
    return review_panels(context.get("request"), session)
