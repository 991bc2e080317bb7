from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cases.models import Course


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """The supervisor's start page: their supervisees' current courses."""
    if not request.user.is_supervisor:
        raise Http404
    courses = (
        Course.objects.visible_to(request.user).current().select_related("client", "therapist")
    )
    return render(request, "supervision/dashboard.html", {"courses": courses})


@require_GET
def service(request: HttpRequest) -> HttpResponse:
    """The service administrator's start page."""
    if not request.user.is_service_admin:
        raise Http404
    return render(request, "supervision/service.html", {})
