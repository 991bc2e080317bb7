"""PDF documents of the measures app: the safety plan and the end-of-treatment summary.

Both go through the shared PDF engine (``cases.pdf``): autoescaped templates, a fetcher that
serves only our static files and the images generated for this render, and a time limit.
"""

import datetime
import difflib

from django.core.exceptions import ObjectDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone

from cases.goal_marks import GoalMark
from cases.models.courses import CourseStatus
from cases.pdf import svg_resource
from measures.models import SafetyPlan
from measures.reporting import outcome_report


def summary_available(course) -> bool:
    """The end-of-treatment summary exists once the course ends or reaches termination."""
    if course.status in (CourseStatus.COMPLETED, CourseStatus.ENDED_EARLY):
        return True
    return course.status == CourseStatus.ACTIVE and course.phase == "termination"


def _one_to_one(course, name: str):
    try:
        return getattr(course, name)
    except ObjectDoesNotExist:
        return None


def _formulation(course) -> dict | None:
    """Focal area and goals of the latest formulation version (shared or not), each goal with
    the progress marked on it over the course."""
    formulation = course.formulations.order_by("-number").first()
    if formulation is None:
        return None
    marks = _goal_marks(course)
    goals = [{"text": goal, "progress": marks.get(goal.strip(), "")} for goal in formulation.goals]
    return {"focal_area": formulation.get_primary_area_display(), "goals": goals}


def _goal_marks(course) -> dict[str, str]:
    """Goal words -> "much progress (session 8), achieved (session 14)" (one query).

    The marks are read through the notes' reverse relation (sessions sits above measures). A
    mark keeps a copy of the goal's words: it is matched on them, so a goal reworded in a later
    formulation starts afresh rather than borrowing marks made on other words.
    """
    rows = (
        course.sessions.attended()
        .filter(goal_progress__isnull=False)
        .exclude(goal_progress__mark="")
        .order_by("number", "goal_progress__goal_number")
        .values_list("number", "goal_progress__goal_text", "goal_progress__mark")
    )
    names = dict(GoalMark.choices)
    marks: dict[str, list[str]] = {}
    for number, text, mark in rows:
        marks.setdefault(text.strip(), []).append(f"{names[mark].lower()} (session {number})")
    return {text: ", ".join(entries) for text, entries in marks.items()}


def _what_changed(course) -> str:
    """The latest gains review, printed once; an earlier one only where it says something else.

    Termination sessions often carry the review forward with small edits: near-identical texts
    (most of their words shared with a text already printed) are left out.
    """
    texts = (
        course.sessions.attended()
        .exclude(gains_reviewed="")
        .order_by("-number")
        .values_list("gains_reviewed", flat=True)
    )
    printed: list[str] = []
    for text in (t.strip() for t in texts):
        if not any(_near_same(text, kept) for kept in printed):
            printed.append(text)
    return "\n\n".join(printed)


def _near_same(text: str, kept: str) -> bool:
    return difflib.SequenceMatcher(None, text.lower(), kept.lower()).ratio() >= 0.8


def summary_context(course, *, by) -> dict:
    sessions = course.sessions.attended().order_by("number")
    return {
        "course": course,
        "client": course.client,
        "today": timezone.localdate(),
        "by": by,
        "report": outcome_report(course),
        "first_session": sessions.first(),
        "last_session": sessions.last(),
        "attended": sessions.count(),
        "formulation": _formulation(course),
        "what_changed": _what_changed(course),
        "relapse_plan": _one_to_one(course, "relapse_plan"),
        "follow_up_plan": _one_to_one(course, "follow_up_plan"),
        "open_flags": list(course.risk_flags.filter(closed_at__isnull=True)),
        # The latest decision on what follows: the standing ending's, or an extension's.
        "ending": course.endings.filter(reopened_at__isnull=True)
        .order_by("-recorded_at", "-id")
        .first(),
    }


def summary_resources(context: dict) -> dict:
    """The score chart as a generated SVG image (``generated/scores.svg`` in the template)."""
    svg = render_to_string(
        "measures/includes/score_chart_svg.html",
        {"chart": context["report"].chart, "chart_id": "summary-chart"},
    )
    return {"scores.svg": svg_resource(svg)}


def safety_plan_context(course, *, by) -> dict:
    return {
        "course": course,
        "client": course.client,
        "plan": SafetyPlan.objects.filter(course=course).first(),
        "today": timezone.localdate(),
        "by": by,
    }


def filename(prefix: str, course, day: datetime.date | None = None) -> str:
    day = day or timezone.localdate()
    return f"{prefix}-{course.client.record_number}-{day:%Y%m%d}.pdf"
