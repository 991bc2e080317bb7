from django import template

from cases.models.access import can_edit_as
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


@register.inclusion_tag("client_area/staff/remote_completions.html")
def remote_completions_panel(user):
    """The supervisor's dashboard: questionnaires clients sent from their own links lately,
    across every course the user may see. Three queries, none per row."""
    import datetime

    from django.utils import timezone

    from client_area.models import ClientLink
    from measures.models import QuestionnaireResponse

    since = timezone.now() - datetime.timedelta(days=REMOTE_DAYS)
    sent = (
        QuestionnaireResponse.objects.visible_to(user)
        .valid()
        .filter(completed_by_client=True, created_at__gte=since)
        .select_related("course__client", "course__therapist")
        .order_by("-created_at")
    )
    return {
        "rows": list(sent[:10]),
        "total": sent.count(),
        "links": ClientLink.objects.visible_to(user).usable().count(),
        "days": REMOTE_DAYS,
    }
