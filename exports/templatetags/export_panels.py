"""Panels other pages show for the exports app: the calendar feed on the therapist's account
page, and the service administrator's exports on the service pages."""

from django import template

from exports.models import CalendarFeed

register = template.Library()


@register.inclusion_tag("exports/panels/calendar_feed.html")
def calendar_feed_panel(user):
    live = (
        CalendarFeed.objects.live().filter(therapist=user).exists()
        if getattr(user, "is_therapist", False)
        else False
    )
    return {"user": user, "live": live}


@register.inclusion_tag("exports/panels/service_exports.html")
def service_exports_panel(user):
    return {"user": user}
