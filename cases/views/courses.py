from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from cases.course_forms import CourseForm, TransferForm
from cases.exceptions import RuleBroken, StaleEdit
from cases.models import Course
from cases.services import courses as course_services
from cases.views.lookups import editable_client, editable_course


@require_http_methods(["GET", "POST"])
def course_create(request: HttpRequest, client_id: int) -> HttpResponse:
    client = editable_client(request, client_id)
    form = CourseForm(
        request.POST or None, instance=Course(client=client, therapist=request.user), client=client
    )
    if request.method == "POST" and form.is_valid():
        try:
            course = course_services.open_course(
                request.user, form.instance, form.suitability_record()
            )
        except RuleBroken as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request,
                f"Course planned: {course.planned_sessions} weekly appointments from "
                f"{course.start_date:%d %b %Y}. Start it when the first session is held.",
            )
            return redirect(course)
    return render(request, "cases/course_form.html", {"form": form, "client": client})


@require_http_methods(["GET", "POST"])
def course_edit(request: HttpRequest, course_id: int) -> HttpResponse:
    course = editable_course(request, course_id)
    form = CourseForm(request.POST or None, instance=course, client=course.client)
    if request.method == "POST" and form.is_valid():
        try:
            course_services.update_course(
                request.user, form.instance, form.cleaned_data["version"], form.changed_data
            )
        except StaleEdit as conflict:
            form.add_error(None, str(conflict))
        else:
            messages.success(request, "Course saved.")
            return redirect(course)
    return render(
        request, "cases/course_form.html", {"form": form, "client": course.client, "course": course}
    )


def _transition(request: HttpRequest, course_id: int, change, done: str) -> HttpResponse:
    course = editable_course(request, course_id)
    try:
        change(request.user, course)
    except RuleBroken as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, done)
    return redirect(course)


@require_POST
def course_start(request: HttpRequest, course_id: int) -> HttpResponse:
    return _transition(request, course_id, course_services.start_course, "Course started.")


@require_http_methods(["GET", "POST"])
def course_transfer(request: HttpRequest, course_id: int) -> HttpResponse:
    course = editable_course(request, course_id)
    form = TransferForm(request.POST or None, course=course)
    if request.method == "POST" and form.is_valid():
        try:
            transfer = course_services.transfer_course(
                request.user, course, form.cleaned_data["to_therapist"], form.cleaned_data["reason"]
            )
        except RuleBroken as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request,
                f"{course.client.full_name}'s course is now on "
                f"{transfer.to_therapist.display_name}'s caseload.",
            )
            return redirect("cases:caseload")
    return render(
        request,
        "cases/action_form.html",
        {
            "form": form,
            "client": course.client,
            "course": course,
            "title": "Transfer the course",
            "intro": "The course, with its sessions and appointments, moves to the other "
            "therapist's caseload. You will no longer see it.",
            "submit": "Transfer course",
            "danger": False,
            "cancel_url": course.get_absolute_url(),
        },
    )
