"""The client's pages. Every view is a ``client_view`` (no staff sign-in, strict CSP); every
page after the date-of-birth step is a ``client_page`` (see client_area/access.py)."""

import time

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from audit.trail import record
from client_area import questionnaires, services
from client_area.access import client_page, client_view, read_device, refuse, remember_device
from client_area.forms import DateOfBirthForm
from client_area.models import ClientLink


@client_view
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, token: str) -> HttpResponse:
    """The link itself: a device verified for this link goes straight in; any other is asked
    the client's date of birth first."""
    link = ClientLink.objects.for_token(token).select_related("course__client").first()
    if link is None:
        return refuse(request, "unknown_token")
    reason = link.refusal()
    if reason:
        return refuse(request, reason, link)
    device = read_device(request)
    if device is not None and device["l"] == link.pk:
        record(None, "client_link.open", link, client=link.course.client_id)
        response = redirect("client_area:home")
        remember_device(response, link, device["v"])
        return response
    form = DateOfBirthForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if services.check_date_of_birth(link, form.cleaned_data["date"]):
            response = redirect("client_area:home")
            remember_device(response, link, int(time.time()))
            return response
        link.refresh_from_db()
        if link.refusal():
            return refuse(request, link.refusal(), link)
        form.add_error(None, "That date of birth does not match. Please check it and try again.")
    return render(request, "client_area/date_of_birth.html", {"form": form})


@client_page
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    window = questionnaires.window_for(request.course)
    return render(request, "client_area/home.html", {"section": "home", "window": window})
