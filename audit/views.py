from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from audit import queries, reads
from audit.forms import AuditFilterForm
from audit.models import AuditEvent
from audit.trail import record

PAGE_SIZE = 50


def _require_service_admin(request: HttpRequest) -> None:
    if not request.user.is_service_admin:
        raise Http404


@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    """The audit trail, filtered, fifty rows a page (service administrators only)."""
    _require_service_admin(request)
    form = AuditFilterForm(request.GET or None)
    events = queries.filtered(form.cleaned_data if form.is_valid() else {})
    if form.is_bound and not form.is_valid():
        events = AuditEvent.objects.none()
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    template = "audit/event_list.html#results" if request.htmx else "audit/event_list.html"
    return render(request, template, context)


@require_GET
def client_access(request: HttpRequest, client_id: int) -> HttpResponse:
    """Everyone who viewed or changed one client's record, and when."""
    _require_service_admin(request)
    client = get_object_or_404(reads.visible("client_id", request.user), pk=client_id)
    record(request.user, "audit.access_report", client, client=client)
    people = [
        {**row, "role": queries.role_label(row["actor__role"])}
        for row in queries.access_summary(client)
    ]
    events = Paginator(
        AuditEvent.objects.filter(client=client).select_related("actor"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    for event in events:
        event.place = queries.place(event)
    return render(
        request, "audit/client_access.html", {"client": client, "people": people, "page": events}
    )
