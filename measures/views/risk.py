from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from audit.trail import record
from cases.models.access import can_edit_as
from measures.forms import RiskReviewForm, SafetyPlanForm
from measures.models import RiskFlag, SafetyPlan
from measures.services import FlagAlreadyClosed, StaleSafetyPlan, close_flag, save_safety_plan
from measures.views.access import READ_ONLY, HtmxHttpRequest, editable_course, visible_course


@require_GET
def course_risk(request: HtmxHttpRequest, course_id: int) -> HttpResponse:
    """The course's risk page: open flags first, the full flag history, the safety plan."""
    course = visible_course(request, course_id)
    flags = list(
        RiskFlag.objects.filter(course=course)
        .select_related("review__reviewed_by", "raised_by", "session", "response")
        .order_by("closed_at", "-level", "-raised_at")
    )
    plan = SafetyPlan.objects.filter(course=course).first()
    with transaction.atomic():
        record(request.user, "view", course, client=course.client, detail={"page": "risk"})
    return render(
        request,
        "measures/course_risk.html",
        {
            "course": course,
            "open_flags": [f for f in flags if f.is_open],
            "closed_flags": [f for f in flags if not f.is_open],
            "plan": plan,
            "can_edit": can_edit_as(request.user, course.therapist),
        },
    )


@require_http_methods(["GET", "POST"])
def flag_review(request: HtmxHttpRequest, flag_id: int) -> HttpResponse:
    """Close a flag by recording its review (assessment, actions, who was contacted)."""
    flag = get_object_or_404(
        RiskFlag.objects.visible_to(request.user).select_related(
            "course__client", "course__therapist"
        ),
        pk=flag_id,
    )
    course = editable_course(request, flag.course_id)
    if not flag.is_open:
        messages.info(request, "That flag was already closed by a review.")
        return redirect("measures:course_risk", course.pk)
    form = RiskReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            close_flag(flag, by=request.user, **form.cleaned_data)
        except FlagAlreadyClosed:
            messages.info(request, "That flag was already closed by a review.")
        else:
            messages.success(
                request, "Risk review recorded; the flag is closed and kept in the history."
            )
        return redirect("measures:course_risk", course.pk)
    return render(
        request,
        "measures/flag_review.html",
        {"course": course, "flag": flag, "form": form},
        status=400 if form.errors else 200,
    )


@require_GET
def safety_plan(request: HtmxHttpRequest, course_id: int) -> HttpResponse:
    course = visible_course(request, course_id)
    plan = SafetyPlan.objects.filter(course=course).select_related("updated_by").first()
    with transaction.atomic():
        record(request.user, "view", course, client=course.client, detail={"page": "safety_plan"})
    return render(
        request,
        "measures/safety_plan.html",
        {"course": course, "plan": plan, "can_edit": can_edit_as(request.user, course.therapist)},
    )


@require_http_methods(["GET", "POST"])
def safety_plan_edit(request: HtmxHttpRequest, course_id: int) -> HttpResponse:
    """Edit the safety plan; a save on a copy someone changed meanwhile keeps the text typed."""
    course = editable_course(request, course_id)
    plan = SafetyPlan.objects.filter(course=course).first()
    conflict = None
    if request.method == "POST":
        form = SafetyPlanForm(request.POST, instance=plan)
        if form.is_valid():
            try:
                save_safety_plan(
                    course,
                    by=request.user,
                    data=form.cleaned_data,
                    version=form.cleaned_data["version"],
                )
            except StaleSafetyPlan as stale:
                conflict = stale.current
                form.add_error(
                    None,
                    "Someone saved this safety plan after you opened it. Your text is kept below; "
                    "the saved version is shown next to each section. Copy what you need, then save again.",
                )
                form.data = form.data.copy()
                form.data["version"] = conflict.version
            else:
                messages.success(request, "Safety plan saved.")
                return redirect("measures:safety_plan", course.pk)
        status = 409 if conflict else 400
    else:
        form = SafetyPlanForm(instance=plan, initial={"version": plan.version if plan else None})
        status = 200
    return render(
        request,
        "measures/safety_plan_form.html",
        {
            "course": course,
            "form": form,
            "plan": plan,
            "conflict": conflict,
            "read_only": READ_ONLY,
        },
        status=status,
    )
