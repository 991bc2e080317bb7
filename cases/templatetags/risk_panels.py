from django import template

register = template.Library()


@register.inclusion_tag("cases/panels/risk_banner.html", takes_context=True)
def risk_banner(context, course=None, client=None):
    """The banner shown on every page of a client or course with an open risk flag.

    The measures issue fills this in; pages include it now so no page can be missed later.
    """
    return {"course": course, "client": client, "request": context.get("request")}
