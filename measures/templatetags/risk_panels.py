from django import template

from cases.presence import known_empty

register = template.Library()


@register.inclusion_tag("cases/panels/risk_banner.html", takes_context=True)
def risk_banner(context, course=None, client=None):
    """The banner on every page of a client or course with an open risk flag.

    For a course: its open flags. For a client: the open flags of any of their courses. One
    query either way; the highest level decides the wording.
    """
    from measures.models import RiskFlag, RiskLevel

    if course and known_empty(course, "open_risk"):
        # The page asked in its own query: nothing open, and no queryset to build.
        return {
            "flags": [],
            "top": None,
            "high": False,
            "course": course,
            "client": client,
            "request": context.get("request"),
        }
    flags = RiskFlag.objects.open().select_related("course")
    # Pages pass whatever they have; an unset template variable arrives as "".
    if course and known_empty(course, "open_risk"):
        flags = flags.none()  # the course page asked in its own query: nothing open
    elif course:
        flags = flags.filter(course=course)
    elif client:
        flags = flags.filter(course__client=client)
    else:
        flags = flags.none()
    flags = list(flags.order_by("-level", "-raised_at"))
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
