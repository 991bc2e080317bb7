import datetime

from django import template
from django.db import connection
from django.db.models import F, Func
from django.utils import timezone

from cases.models.access import can_edit_as
from cases.models.clients import named_course_fields
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
# What the panel shows of a response, its course's client and therapist
# (templates/client_area/staff/remote_completions.html).
SENT_FIELDS = (
    "course_id",
    "instrument",
    "total",
    "band",
    "risk_positive",
    "created_at",
    *named_course_fields("course"),
)


def _sent(user, since):
    from measures.models import QuestionnaireResponse

    return (
        QuestionnaireResponse.objects.visible_to(user)
        .valid()
        .filter(completed_by_client=True, created_at__gte=since)
    )


def _count_sql(queryset) -> tuple[str, tuple]:
    """``SELECT COUNT(id) FROM ...`` of ``queryset``, to be read as a scalar subquery."""
    counted = queryset.order_by().values(n=Func(F("pk"), function="COUNT"))
    return counted.query.sql_with_params()


def _counts(user, since, now):
    """The questionnaires sent and the working links, in one statement of two scalar
    subqueries (each count's own query cost a round trip and a plan of the access rule)."""
    from client_area.models import ClientLink

    sent, sent_params = _count_sql(_sent(user, since))
    links, links_params = _count_sql(ClientLink.objects.visible_to(user).usable(now))

    sql = f"SELECT ({sent}), ({links})"  # noqa: S608 - two querysets' own SQL, no input

    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, [*sent_params, *links_params])
            return cursor.fetchone()

    return run


# Built once per process per shape (cases.prepared_pages), run with the viewer and the time.
_SENT_ROWS = Prepared(
    lambda user, since: (
        _sent(user, since)
        .select_related("course__client", "course__therapist")
        .only(*SENT_FIELDS)
        .order_by("-created_at")[:10]
    ),
    planned_once=True,
)
_COUNTS = Prepared(_counts, kind="aggregate", planned_once=True)


@register.inclusion_tag("client_area/staff/remote_completions.html")
def remote_completions_panel(user):
    """The supervisor's dashboard: questionnaires clients sent from their own links lately,
    across every course the user may see. One query for both counts, and one for the latest
    rows when any was sent; none per row."""
    now = timezone.now()
    since = now - datetime.timedelta(days=REMOTE_DAYS)
    total, links = _COUNTS.row(user=user, since=since, now=now)
    return {
        # The rows are those counted: none to read when none was sent.
        "rows": _SENT_ROWS.rows(user=user, since=since) if total else [],
        "total": total,
        "links": links,
        "days": REMOTE_DAYS,
    }
