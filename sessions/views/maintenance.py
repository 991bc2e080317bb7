"""Continuing a course after it ends: opening a maintenance course (pre-filled from the acute
course) and recording a booster session. Thin views over ``sessions.maintenance``."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from cases.exceptions import RuleBroken
from cases.views.lookups import editable_course
from sessions import maintenance
from sessions.maintenance_forms import BoosterForm, MaintenanceCourseForm


@require_http_methods(["GET", "POST"])
def maintenance_create(request: HttpRequest, course_id: int) -> HttpResponse:
    """The maintenance course form, opened from the acute course (and its ending form)."""
    acute = editable_course(request, course_id)
    refusal = maintenance.maintenance_refusal(acute)
    form = MaintenanceCourseForm(request.POST or None, acute=acute)
    status = 409 if refusal and request.method == "POST" else 200
    if request.method == "POST" and not refusal:
        status = 400
        if form.is_valid():
            try:
                course = maintenance.open_maintenance_course(
                    request.user, acute, **form.cleaned_data
                )
            except RuleBroken as broken:
                form.add_error(None, str(broken))
                status = 409
            else:
                messages.success(
                    request,
                    "Maintenance course opened with the acute course's inventory, formulation "
                    "and relapse plan. Start it at the first maintenance session.",
                )
                return redirect(course)
    return render(
        request,
        "session_logs/maintenance_create.html",
        {
            "course": acute,
            "client": acute.client,
            "form": form,
            "refusal": refusal,
            "inherited": maintenance.inherited_counts(acute),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def booster_create(request: HttpRequest, course_id: int) -> HttpResponse:
    """Record a single booster session on a completed course, without reopening it."""
    course = editable_course(request, course_id)
    form = BoosterForm(request.POST or None, course=course)
    refusal = "" if course.status == "completed" else "A booster is added to a completed course."
    status = 409 if refusal and request.method == "POST" else 200
    if request.method == "POST" and not refusal:
        status = 400
        if form.is_valid():
            try:
                maintenance.record_booster(request.user, course, form.values())
            except RuleBroken as broken:
                form.add_error(None, str(broken))
                status = 409
            else:
                messages.success(request, "Booster session recorded. The course stays completed.")
                return redirect(course)
    return render(
        request,
        "session_logs/booster_form.html",
        {"course": course, "client": course.client, "form": form, "refusal": refusal},
        status=status,
    )
