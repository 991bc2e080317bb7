from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from cases.models.access import can_edit_as
from cases.presence import known_empty
from measures import chart_svg, instruments, score_table
from measures.documents import summary_available
from measures.reporting import outcome_report

register = template.Library()


@register.inclusion_tag("measures/panels/course_outcomes.html", takes_context=True)
def course_outcomes_panel(context, course):
    """The course page's outcome panel: chart, classification, not-on-track, add buttons."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "course": course,
        "report": outcome_report(course),
        "can_edit": user is not None and can_edit_as(user, course.therapist),
        "defaults": [instruments.get(code) for code in instruments.defaults_for(course.adaptation)],
        "summary_available": summary_available(course),
        "request": request,
    }


@register.simple_tag(name="score_chart_svg")
def score_chart_svg_tag(chart, chart_id=""):
    """The chart's SVG element (drawn in Python: ``measures.chart_svg``)."""
    return chart_svg.score_chart_svg(chart, chart_id)


@register.simple_tag(name="score_table")
def score_table_tag(chart, caption=None):
    """The table under the chart (written in Python: ``measures.score_table``)."""
    return score_table.score_table_html(chart, caption)


@register.inclusion_tag("measures/panels/score_chart.html")
def score_chart(course, chart_id="chart"):
    """Only the chart and its table (the timeline page and PDFs use this)."""
    return {"chart": outcome_report(course).chart, "chart_id": chart_id}


_RISK_TAGS = {3: "High risk", 2: "Risk: moderate"}


@register.simple_tag
def outcome_flags(course):
    """Small tags for list rows: open risk and not-on-track, from annotations / outcomes_for.
    Built in Python, not a template: the caseload shows one a row (hundreds for a service)."""
    risk = ""
    if getattr(course, "risk_open", False):
        label = _RISK_TAGS.get(getattr(course, "risk_level", None), "Risk: assess now")
        risk = format_html('<span class="tag tag--risk" data-testid="risk-tag">{}</span>', label)
    facts = getattr(course, "outcome_facts", None)
    track = ""
    if facts and facts.not_on_track:
        track = '<span class="tag tag--warn" data-testid="not-on-track-tag">Not on track</span>'
    return mark_safe(f"{risk}\n{track}\n")  # noqa: S308 (built from constants and format_html)


@register.inclusion_tag("measures/panels/session_questionnaires.html", takes_context=True)
def session_questionnaires(context, session):
    """The questionnaires of one session, with links to add the course's defaults to it."""
    request = context.get("request")
    user = getattr(request, "user", None)
    course = session.course
    responses = list(session.questionnaires.valid().order_by("created_at"))
    recorded = {response.instrument for response in responses}
    return {
        "session": session,
        "course": course,
        "responses": responses,
        "can_edit": user is not None
        and can_edit_as(user, course.therapist)
        and not session.is_void,
        # A questionnaire already recorded in this session is not offered again.
        "defaults": [
            instruments.get(code)
            for code in instruments.defaults_for(course.adaptation)
            if code not in recorded
        ],
        "others": [
            instrument
            for code, instrument in instruments.INSTRUMENTS.items()
            if code not in instruments.defaults_for(course.adaptation)
        ],
        "back": request.get_full_path() if request is not None else "",
    }


@register.inclusion_tag("measures/panels/client_answers.html")
def client_answers(session):
    """Questionnaires the client sent for this session from their own device, answer by answer
    (shown whether or not the session has been held yet). One query."""
    responses = (
        []
        if known_empty(session, "client_answers")
        else list(session.questionnaires.valid().filter(completed_by_client=True))
    )
    return {"session": session, "responses": responses}
