"""Forms for the initial-phase records of a course: suitability, agreed length, sick role."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from cases.exceptions import RuleBroken
from cases.initial_record_forms import LengthAgreementForm, SickRoleForm, SuitabilityForm
from cases.models.initial_records import SickRoleKind
from cases.services import initial_records as services
from cases.views.lookups import editable_course


def _form_page(request, course, form, *, title: str, intro: str, submit: str) -> HttpResponse:
    return render(
        request,
        "cases/action_form.html",
        {
            "form": form,
            "client": course.client,
            "course": course,
            "title": title,
            "intro": intro,
            "submit": submit,
            "danger": False,
            "cancel_url": course.get_absolute_url() + "#initial-records",
        },
    )


def _done(request: HttpRequest, course, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(course.get_absolute_url() + "#initial-records")


@require_http_methods(["GET", "POST"])
def suitability_record(request: HttpRequest, course_id: int) -> HttpResponse:
    course = editable_course(request, course_id)
    latest = course.suitability_records.latest_first().first()
    initial = {}
    if latest is not None:
        initial = {
            "why_ipt": latest.why_ipt,
            "exclusions_considered": latest.exclusions_considered,
            "alternatives_offered": latest.alternatives_offered,
        }
    form = SuitabilityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.record_suitability(request.user, course, form.instance)
        return _done(request, course, "Suitability recorded.")
    return _form_page(
        request,
        course,
        form,
        title="Why IPT for this client",
        intro="A short record of the decision to offer IPT. A correction is saved as a new "
        "version; the earlier one stays in the record.",
        submit="Save the suitability record",
    )


@require_http_methods(["GET", "POST"])
def length_agreement(request: HttpRequest, course_id: int) -> HttpResponse:
    course = editable_course(request, course_id)
    form = LengthAgreementForm(request.POST or None, course=course)
    if request.method == "POST" and form.is_valid():
        try:
            services.agree_length(request.user, course, form.instance)
        except RuleBroken as refusal:
            form.add_error(None, str(refusal))
        else:
            return _done(request, course, "Agreed length recorded.")
    return _form_page(
        request,
        course,
        form,
        title=f"Agree the course length: {course.planned_sessions} sessions",
        intro=f"Record that the client agreed to {course.planned_sessions} sessions and a date "
        "for the last one. The time limit is part of the treatment: it is shown on the course "
        "page from now on. If a different number was agreed, change the planned length first "
        "(Edit course).",
        submit="Record the agreement",
    )


KIND_PAGES = {
    SickRoleKind.GIVEN: (
        "The sick role",
        "While depressed the client may ease off some duties, as with any illness, and works "
        "on getting better. Record what you agreed.",
        "Record the sick role",
    ),
    SickRoleKind.RESUMED: (
        "Roles resumed",
        "Towards the end of the course the client takes back the roles eased during the sick "
        "role. Record which ones.",
        "Record roles resumed",
    ),
}


@require_http_methods(["GET", "POST"])
def sick_role(request: HttpRequest, course_id: int, kind: str) -> HttpResponse:
    if kind not in KIND_PAGES:
        raise Http404("No such record.")
    course = editable_course(request, course_id)
    given = None
    if kind == SickRoleKind.RESUMED:
        given = course.sick_role_entries.filter(kind=SickRoleKind.GIVEN).latest_first().first()
    form = SickRoleForm(request.POST or None, course=course, kind=kind, given=given)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_sick_role(request.user, course, form.instance)
        except RuleBroken as refusal:
            form.add_error(None, str(refusal))
        else:
            return _done(request, course, f"{SickRoleKind(kind).label} recorded.")
    title, intro, submit = KIND_PAGES[kind]
    return _form_page(request, course, form, title=title, intro=intro, submit=submit)
