"""The end-of-treatment summary: a letter to the referrer, composed from every part of the course.

Its outcome and chart come from measures, the focus and goals from the formulation (inventory),
what changed and the plans from the session notes (sessions), the decision from the ending
(cases), so it is composed here, at the top (docs/architecture.md).
"""

import difflib

from django.core.exceptions import ObjectDoesNotExist
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from cases.goal_marks import GoalMark
from cases.pdf import exported_pdf, svg_resource
from inventory.models import Formulation
from measures import documents
from measures.chart_svg import score_chart_svg
from measures.models import RiskFlag
from measures.reporting import outcome_report
from measures.rhythm_record import chart_resource, summary_rhythm
from measures.views.access import HtmxHttpRequest, visible_course
from sessions.boosters import BoosterSession
from sessions.models import Session


def _one_to_one(course, name: str):
    try:
        return getattr(course, name)
    except ObjectDoesNotExist:
        return None


def _formulation(course) -> dict | None:
    """Focal area and goals of the latest formulation version (shared or not), each goal with
    the progress marked on it over the course."""
    formulation = Formulation.objects.filter(course=course).order_by("-number").first()
    if formulation is None:
        return None
    marks = _goal_marks(course)
    goals = [{"text": goal, "progress": marks.get(goal.strip(), "")} for goal in formulation.goals]
    return {"focal_area": formulation.get_primary_area_display(), "goals": goals}


def _goal_marks(course) -> dict[str, str]:
    """Goal words -> "much progress (session 8), achieved (session 14)" (one query).

    A mark keeps a copy of the goal's words: it is matched on them, so a goal reworded in a later
    formulation starts afresh rather than borrowing marks made on other words.
    """
    rows = (
        Session.objects.filter(course=course)
        .attended()
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
        Session.objects.filter(course=course)
        .attended()
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
    sessions = Session.objects.filter(course=course).attended().order_by("number")
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
        "open_flags": list(RiskFlag.objects.filter(course=course, closed_at__isnull=True)),
        "boosters": list(BoosterSession.objects.filter(course=course)),
        "rhythm": summary_rhythm(course),
        "continues": course.continues_course,
        "continued_by": list(course.maintenance_courses.order_by("start_date")),
        # The latest decision on what follows: the standing ending's, or an extension's.
        "ending": course.endings.filter(reopened_at__isnull=True)
        .order_by("-recorded_at", "-id")
        .first(),
    }


def summary_resources(context: dict) -> dict:
    """The score chart as a generated SVG image (``generated/scores.svg`` in the template), and
    for an IPSRT course the regularity chart (``generated/rhythm.svg``)."""
    svg = score_chart_svg(context["report"].chart, "summary-chart")
    resources = {"scores.svg": svg_resource(svg)}
    if context.get("rhythm") is not None:
        resources |= chart_resource(context["rhythm"])
    return resources


@require_GET
def summary_pdf(request: HtmxHttpRequest, course_id: int) -> HttpResponse:
    """The end-of-treatment summary, written as a letter to the referrer."""
    course = visible_course(request, course_id)
    if not documents.summary_available(course):
        return render(
            request,
            "measures/bad_request.html",
            {
                "course": course,
                "message": "The end-of-treatment summary is available once the course reaches its "
                "termination phase or has ended.",
            },
            status=409,
        )
    context = summary_context(course, by=request.user)
    return exported_pdf(
        request,
        "pdf/summary.html",
        context,
        subject=course,
        client=course.client,
        detail={"document": "summary"},
        resources=summary_resources(context),
        filename=documents.filename("summary", course),
        back_url=reverse("measures:course_measures", args=[course.pk]),
    )
