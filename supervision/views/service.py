"""The service administrator's overview: courses running, and outcomes of a chosen period."""

from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from audit import trail
from cases.models import Course
from cases.prepared_queries import PreparedQuery
from measures.queries import open_risk_off_caseload
from supervision.service_forms import ServicePeriodForm
from supervision.service_stats import running_figures, service_figures


def _closed_risk(user):
    courses = (
        Course.objects.visible_to(user)
        .select_related("client", "therapist")
        .annotate(
            first_attended_on=F("attendance_tally__first_attended_on"),
            last_attended_on=F("attendance_tally__last_attended_on"),
        )
    )
    return open_risk_off_caseload(user, courses)


# Its SQL is built once per process (``cases.prepared_queries``).
CLOSED_RISK_QUERY = PreparedQuery(_closed_risk)


@require_GET
def service(request: HttpRequest) -> HttpResponse:
    """Figures across the service and per therapist; the period comes from ``?from=&to=``."""
    if not request.user.is_service_admin:
        raise Http404
    form = ServicePeriodForm(request.GET)
    # The only clients this page names: courses closed with a risk flag still open. Their
    # clinical dates come from the stored tallies (``sessions.tallies``), not from grouping
    # their sessions: the panel shows nothing else of ``with_progress``.
    closed_risk = CLOSED_RISK_QUERY.list(user=request.user)
    trail.record_many(
        request.user,
        "view",
        [(course, course.client_id) for course in closed_risk],
        detail={"page": "service"},
    )
    if form.is_valid():
        figures = service_figures(request.user, *form.period())
        context = {"form": form, "figures": figures, "running": figures.running}
        status = 200
    else:
        context = {"form": form, "figures": None, "running": running_figures(request.user)}
        status = 400
    context["closed_risk"] = closed_risk
    return render(request, "supervision/service.html", context, status=status)
