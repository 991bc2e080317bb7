from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cases.views.lookups import HtmxHttpRequest, visible_course
from exports import services
from exports.purposes import Purpose


@require_GET
def course_fhir(request: HtmxHttpRequest, course_id: int) -> HttpResponse:
    """The FHIR export page of a course; with a stated purpose, the Bundle itself (a download
    the treating therapist, their supervisor and a service administrator may take)."""
    course = visible_course(request, course_id)
    form = Purpose(request.GET if "reason" in request.GET else None)
    if form.is_bound and form.is_valid():
        body = services.disclose_course_fhir(request.user, course, purpose=form.stated)
        response = HttpResponse(body, content_type="application/fhir+json")
        filename = f"course-{course.pk}-{course.client.record_number}-fhir.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    status = 400 if form.is_bound else 200
    return render(
        request,
        "exports/course_fhir.html",
        {"course": course, "client": course.client, "form": form},
        status=status,
    )
