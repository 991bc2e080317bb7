from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from cases.pdf import exported_pdf
from measures import documents
from measures.rhythm_record import chart_resource, rhythm_record
from measures.views.access import HtmxHttpRequest, visible_course


@require_GET
def safety_plan_pdf(request: HtmxHttpRequest, course_id: int) -> HttpResponse:
    course = visible_course(request, course_id)
    context = documents.safety_plan_context(course, by=request.user)
    if context["plan"] is None:
        return render(
            request,
            "measures/bad_request.html",
            {"course": course, "message": "This course has no safety plan yet."},
            status=404,
        )
    return exported_pdf(
        request,
        "pdf/safety_plan.html",
        context,
        subject=context["plan"],
        client=course.client,
        detail={"document": "safety_plan", "version": context["plan"].version},
        filename=documents.filename("safety-plan", course),
        back_url=reverse("measures:safety_plan", args=[course.pk]),
    )


@require_GET
def rhythm_record_pdf(request: HtmxHttpRequest, course_id: int) -> HttpResponse:
    """The social rhythm record to print: for the session, or for the client to keep."""
    course = visible_course(request, course_id)
    rhythm = rhythm_record(course)
    if rhythm is None:
        return render(
            request,
            "measures/bad_request.html",
            {"course": course, "message": "No social rhythm sheet has been entered yet."},
            status=404,
        )
    return exported_pdf(
        request,
        "pdf/rhythm_record.html",
        {
            "course": course,
            "client": course.client,
            "rhythm": rhythm,
            "today": timezone.localdate(),
        },
        subject=course,
        client=course.client,
        detail={"document": "social_rhythm", "weeks": len(rhythm.weeks)},
        resources=chart_resource(rhythm),
        filename=documents.filename("social-rhythm", course),
        back_url=course.get_absolute_url(),
    )
