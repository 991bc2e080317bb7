from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from exports import services
from exports.models import CalendarFeed


def _therapist(request: HttpRequest):
    """Only a therapist has appointments to feed; anyone else finds no such page."""
    if not request.user.is_therapist:
        raise Http404("Calendar feeds are for therapists.")
    return request.user


def _page(request: HttpRequest, *, token: str = "") -> HttpResponse:
    therapist = _therapist(request)
    feed = CalendarFeed.objects.live().filter(therapist=therapist).first()
    url = request.build_absolute_uri(reverse("exports:calendar_ics", args=[token])) if token else ""
    return render(request, "exports/calendar.html", {"feed": feed, "feed_url": url})


@require_GET
def calendar_settings(request: HttpRequest) -> HttpResponse:
    return _page(request)


def _confirmed(request: HttpRequest) -> bool:
    """The button posts ``confirm=yes``: a post without it (a stray or forged request) changes
    nothing."""
    return request.POST.get("confirm") == "yes"


def _refused(request: HttpRequest) -> HttpResponse:
    return render(request, "exports/calendar_refused.html", status=400)


@require_POST
def calendar_turn_on(request: HttpRequest) -> HttpResponse:
    """Make a new feed URL and show it once (it is not stored, so it cannot be shown again)."""
    therapist = _therapist(request)
    if not _confirmed(request):
        return _refused(request)
    token = services.turn_on_calendar_feed(therapist)
    return _page(request, token=token)


@require_POST
def calendar_turn_off(request: HttpRequest) -> HttpResponse:
    therapist = _therapist(request)
    if not _confirmed(request):
        return _refused(request)
    services.revoke_calendar_feed(therapist)
    return redirect("exports:calendar")


@login_not_required
@require_GET
def calendar_ics(request: HttpRequest, token: str) -> HttpResponse:
    """The feed itself. Calendar programs cannot sign in: the secret token is the key, and a
    revoked or unknown one is a 404."""
    feed = CalendarFeed.objects.for_token(token)
    if feed is None or not feed.therapist.is_active:
        raise Http404("No such calendar.")
    response = HttpResponse(services.read_calendar_feed(feed), content_type="text/calendar")
    response["Content-Disposition"] = 'inline; filename="ipt-appointments.ics"'
    return response
