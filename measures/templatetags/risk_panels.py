from django import template

from cases.prepared_queries import PreparedQuery
from cases.presence import known_empty

register = template.Library()


def open_flags(**where):
    """Open flags, highest first, with their course: of one course (``course_id``) or of a
    client's courses (``client_id``)."""
    from measures.models import RiskFlag

    lookups = {"course_id": "course_id", "client_id": "course__client_id"}
    filters = {lookups[name]: value for name, value in where.items()}
    return (
        RiskFlag.objects.open()
        .select_related("course")
        .filter(**filters)
        .order_by("-level", "-raised_at")
    )


# The banner's SQL is built once per process (``cases.prepared_queries``).
COURSE_FLAGS_QUERY = PreparedQuery(lambda course_id: open_flags(course_id=course_id))
CLIENT_FLAGS_QUERY = PreparedQuery(lambda client_id: open_flags(client_id=client_id))


@register.inclusion_tag("cases/panels/risk_banner.html", takes_context=True)
def risk_banner(context, course=None, client=None):
    """The banner on every page of a client or course with an open risk flag.

    For a course: its open flags. For a client: the open flags of any of their courses. One
    query either way; the highest level decides the wording.
    """
    from measures.models import RiskLevel

    # Pages pass whatever they have; an unset template variable arrives as "".
    if course and known_empty(course, "open_risk"):
        flags = []  # the course page asked in its own query: nothing open
    elif course:
        flags = COURSE_FLAGS_QUERY.list(course_id=course.pk)
    elif client:
        flags = CLIENT_FLAGS_QUERY.list(client_id=client.pk)
    else:
        flags = []
    top = flags[0] if flags else None
    return {
        "flags": flags,
        "top": top,
        "high": top is not None and top.level == RiskLevel.HIGH,
        "course": course,
        "client": client,
        "request": context.get("request"),
    }


@register.inclusion_tag("cases/panels/open_risk_closed.html")
def open_risk_on_closed_courses(courses, user):
    """Risk flags still open on courses no caseload lists (ended, archived client, therapist
    gone): shown to the therapist, the supervisor and the service administrator.

    The page's view reads ``courses`` (``measures.queries.open_risk_off_caseload``, one query)
    so that their clients join the page's one insert of read rows."""
    return {"courses": courses or [], "user": user}
