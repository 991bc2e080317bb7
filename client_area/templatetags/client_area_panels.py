import datetime

from django import template
from django.db.models import Count
from django.utils import timezone

from cases.models.access import can_edit_as
from cases.prepared_pages import Prepared
from cases.presence import known_empty

register = template.Library()


@register.inclusion_tag("client_area/staff/link_panel.html", takes_context=True)
def client_link_panel(context, course):
    """The course page's panel: is a client link active, when the client last visited, what
    they sent, and whether staff emails went out. A handful of queries, none per row."""
    from client_area.models import ClientLink, StaffNotice
    from client_area.questionnaires import sent_by_client

    request = context.get("request")
    user = getattr(request, "user", None)
    # The course page says in its course query whether there is any link or client answer.
    no_links = known_empty(course, "client_links")
    link = (
        None
        if no_links
        else ClientLink.objects.filter(course=course).select_related("course").first()
    )
    return {
        "course": course,
        "link": link,
        "last_visit": None
        if no_links
        else ClientLink.objects.filter(course=course, last_visit_at__isnull=False)
        .order_by("-last_visit_at")
        .values_list("last_visit_at", flat=True)
        .first(),
        "sent": [] if known_empty(course, "client_sent") else list(sent_by_client(course)[:5]),
        "undelivered": []
        if no_links
        else list(StaffNotice.objects.filter(link__course=course).undelivered()[:3]),
        "can_edit": user is not None and can_edit_as(user, course.therapist) and course.is_open,
        "csrf_token": context.get("csrf_token"),
    }


REMOTE_DAYS = 14


def _sent(user, since):
    from measures.models import QuestionnaireResponse

    return (
        QuestionnaireResponse.objects.visible_to(user)
        .valid()
        .filter(completed_by_client=True, created_at__gte=since)
    )


def _count(queryset):
    return lambda: queryset.aggregate(n=Count("pk"))


def _links(user, now):
    from client_area.models import ClientLink

    return _count(ClientLink.objects.visible_to(user).usable(now))


# Built once per process per shape (cases.prepared_pages), run with the viewer and the time.
_SENT_ROWS = Prepared(
    lambda user, since: (
        _sent(user, since)
        .select_related("course__client", "course__therapist")
        .order_by("-created_at")[:10]
    )
)
_SENT_COUNT = Prepared(lambda user, since: _count(_sent(user, since)), kind="aggregate")
_LINKS_COUNT = Prepared(_links, kind="aggregate")


@register.inclusion_tag("client_area/staff/remote_completions.html")
def remote_completions_panel(user):
    """The supervisor's dashboard: questionnaires clients sent from their own links lately,
    across every course the user may see. Three queries, none per row."""
    now = timezone.now()
    since = now - datetime.timedelta(days=REMOTE_DAYS)
    return {
        "rows": _SENT_ROWS.rows(user=user, since=since),
        "total": _SENT_COUNT.row(user=user, since=since)[0],
        "links": _LINKS_COUNT.row(user=user, now=now)[0],
        "days": REMOTE_DAYS,
    }
