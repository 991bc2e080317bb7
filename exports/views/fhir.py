from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cases.views.lookups import HtmxHttpRequest, visible_course
from exports import services
from exports.extract_forms import FhirPeriodForm
from exports.purposes import Purpose
from supervision.service_stats import courses_ended_in


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


@require_GET
def service_fhir(request: HtmxHttpRequest) -> HttpResponse:
    """The service's FHIR export page; with a period and a stated purpose, the Bundle of every
    course that ended in the period (for the service administrator only)."""
    if not request.user.is_service_admin:
        raise Http404("The service's FHIR export is for service administrators.")
    period = FhirPeriodForm(request.GET or None)
    purpose = Purpose(request.GET if "reason" in request.GET else None)
    if purpose.is_bound and purpose.is_valid() and period.is_valid():
        start, end = period.period()
        if not courses_ended_in(request.user, start, end).exists():
            # An empty file would look like an export and leave no trace: say so instead.
            period.add_error(
                None,
                f"No course ended between {start.day} {start:%B %Y} and {end.day} {end:%B %Y}, so there is "
                "nothing to export. Choose another period.",
            )
            return render(request, "exports/service_fhir.html", {"period": period, "form": purpose})
        body = services.disclose_period_fhir(request.user, start, end, purpose=purpose.stated)
        response = HttpResponse(body, content_type="application/fhir+json")
        response["Content-Disposition"] = (
            f'attachment; filename="service-{start}-to-{end}-fhir.json"'
        )
        return response
    status = 400 if purpose.is_bound or not period.is_valid() else 200
    return render(
        request,
        "exports/service_fhir.html",
        {"period": period, "form": purpose},
        status=status,
    )
