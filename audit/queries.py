"""Reading the audit trail for the viewer and the per-client access report."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, Max, Min, Q, QuerySet
from django.utils import timezone

from audit.models import AuditEvent

READ_ACTIONS = ("view", "pdf.export", "csv.export")


def filtered(data: dict) -> QuerySet[AuditEvent]:
    """Audit rows matching the viewer's cleaned filters, newest first."""
    events = AuditEvent.objects.select_related("actor", "client")
    if data.get("user"):
        events = events.filter(actor=data["user"])
    if data.get("action"):
        action = data["action"].strip()
        events = (
            events.filter(action__startswith=action)
            if action.endswith(".")
            else events.filter(action=action)
        )
    if data.get("client"):
        events = events.filter(client__record_number__iexact=data["client"].strip())
    tz = timezone.get_current_timezone()
    if data.get("date_from"):
        start = datetime.datetime.combine(data["date_from"], datetime.time.min, tzinfo=tz)
        events = events.filter(at__gte=start)
    if data.get("date_to"):
        end = datetime.datetime.combine(
            data["date_to"] + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
        )
        events = events.filter(at__lt=end)
    return events


# Where a read happened, in words, from the ``page`` or ``document`` its row notes.
PLACES = {
    "caseload": "Caseload",
    "client_search": "Client search",
    "supervision_dashboard": "Supervisor’s dashboard",
    "recently_closed": "Recently closed courses",
    "service": "Service overview",
    "supervision_log": "Supervision log",
    "supervision_log_entry": "Supervision log entry form",
    "formulation": "Formulation",
    "inventory": "Interpersonal inventory",
    "timeline": "Timeline",
    "measures": "Questionnaires",
    "risk": "Risk",
    "safety_plan": "Safety plan",
    "summary": "End-of-treatment summary",
}


def place(event: AuditEvent) -> str:
    """Where the event happened: the list, page or document, else the address opened."""
    detail = event.detail if isinstance(event.detail, dict) else {}
    key = detail.get("page") or detail.get("document") or ""
    if key:
        return PLACES.get(key, key.replace("_", " ").capitalize())
    return str(detail.get("path", ""))


def role_label(role: str) -> str:
    User = get_user_model()
    return User.Role(role).label if role in User.Role.values else role


def access_summary(client) -> QuerySet:
    """Everyone who touched a client's record: first and last time, reads and changes."""
    reads = Q(action__in=READ_ACTIONS)
    changes = ~reads & ~Q(action="access.denied") & ~Q(action__startswith="audit.")
    return (
        AuditEvent.objects.filter(client=client, actor__isnull=False)
        .exclude(action__startswith="audit.")  # reading this report is not reading the record
        .values("actor", "actor__first_name", "actor__last_name", "actor__username", "actor__role")
        .annotate(
            first=Min("at"),
            last=Max("at"),
            reads=Count("pk", filter=reads),
            changes=Count("pk", filter=changes),
            denied=Count("pk", filter=Q(action="access.denied")),
        )
        .order_by("-last")
    )
