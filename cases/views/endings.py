"""Ending a course (the ending form, ending early) and reopening it: thin views over
``cases.services.endings``. A refused change re-renders the form with the reason and a 4xx."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from cases import endings as rules
from cases.ending_forms import EndEarlyForm, EndingForm, ReopenForm
from cases.exceptions import RuleBroken, StaleEdit
from cases.models.endings import NextStep
from cases.services import endings as ending_services
from cases.services.endings import EndingInvalid
from cases.views.lookups import editable_course, visible_course


def _refused(form, refusal: RuleBroken) -> int:
    """Put a refusal on the form: field errors where the service named fields. The status."""
    if isinstance(refusal, EndingInvalid):
        for field, message in refusal.errors.items():
            form.add_error(field if field in form.fields else None, message)
        return 400
    form.add_error(None, str(refusal))
    return 409


@require_http_methods(["GET", "POST"])
def course_complete(request: HttpRequest, course_id: int) -> HttpResponse:
    """The ending form: the outcome and relapse plan shown back, then the decision."""
    course = editable_course(request, course_id)
    facts = rules.ending_facts(course)
    form = EndingForm(request.POST or None, course=course, outcome=facts.outcome)
    status = 200
    if facts.refusal:
        # Nothing to decide yet: say why (too early, or a risk flag to review first).
        status = 409 if request.method == "POST" else 200
    elif request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                ending = ending_services.complete_course(
                    request.user,
                    course,
                    decision=data["decision"],
                    extra_sessions=data["extra_sessions"],
                    reason=data["decision_reason"],
                    expected_version=data["version"],
                )
            except StaleEdit as conflict:
                form.add_error(None, str(conflict))
                status = 409
            except RuleBroken as refusal:
                status = _refused(form, refusal)
            else:
                if ending.kind == "extended":
                    messages.success(
                        request,
                        f"Course extended by {ending.extra_sessions} sessions: "
                        f"{course.planned_sessions} are now planned.",
                    )
                elif ending.decision == NextStep.MAINTENANCE and not course.is_maintenance:
                    # The decision opens the maintenance course's form, pre-filled from this one.
                    messages.success(
                        request,
                        "The course is complete. Now plan the maintenance course with the client.",
                    )
                    return redirect("sessions:maintenance_create", course_id=course.pk)
                else:
                    messages.success(request, "The course is complete. The decision is recorded.")
                return redirect(course)
        else:
            status = 400
    return render(
        request,
        "cases/course_ending.html",
        {"course": course, "client": course.client, "facts": facts, "form": form},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def course_end_early(request: HttpRequest, course_id: int) -> HttpResponse:
    course = editable_course(request, course_id)
    flags = rules.open_flags(course)
    form = EndEarlyForm(request.POST or None, course=course, flags=flags)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                ending_services.end_course_early(
                    request.user,
                    course,
                    data["reason"],
                    data["note"],
                    told=data.get("handover_told", ""),
                    arranged=data.get("handover_arranged", ""),
                    expected_version=data["version"],
                )
            except StaleEdit as conflict:
                form.add_error(None, str(conflict))
                status = 409
            except RuleBroken as refusal:
                status = _refused(form, refusal)
            else:
                messages.success(request, "The course is recorded as ended early.")
                if flags:
                    messages.warning(
                        request,
                        "The risk flag stays open and listed for you and your supervisor "
                        "until a risk review closes it.",
                    )
                return redirect(course)
    return render(
        request,
        "cases/course_end_early.html",
        {"course": course, "client": course.client, "flags": flags, "form": form},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def course_reopen(request: HttpRequest, course_id: int) -> HttpResponse:
    """Reopen a completed or ended course (its therapist or their supervisor), with a reason."""
    course = visible_course(request, course_id)
    if not ending_services.can_reopen(request.user, course):
        raise PermissionDenied("Only the treating therapist or their supervisor can reopen it.")
    form = ReopenForm(request.POST or None, course=course)
    status = 200
    if not course.is_closed:
        form.add_error(None, "This course is open already: there is nothing to reopen.")
        status = 409
    elif request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                ending_services.reopen_course(
                    request.user,
                    course,
                    form.cleaned_data["reason"],
                    expected_version=form.cleaned_data["version"],
                )
            except StaleEdit as conflict:
                form.add_error(None, str(conflict))
                status = 409
            except RuleBroken as refusal:
                status = _refused(form, refusal)
            else:
                messages.success(
                    request,
                    "The course is active again. Its earlier ending stays in its history.",
                )
                return redirect(course)
    return render(
        request,
        "cases/course_reopen.html",
        {"course": course, "client": course.client, "form": form},
        status=status,
    )
