"""How a client page knows whose it is: the device cookie, the link behind it, the idle timeout.

A client has no staff account. They open their link (``client_area:start``), give their date
of birth once on that device, and the server sets a signed cookie naming the link. Every client
page is wrapped in ``client_page``, which reads that cookie, checks the link can still be used,
and sets ``request.client_link`` and ``request.course``. Anything else (no cookie, a forged or
stale one, a revoked, expired or locked link, a closed course) gets the neutral page, which says
nothing about anyone. A staff sign-in is never a way in: ``request.user`` is not consulted.
"""

import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override

from audit.trail import record
from client_area.models import ClientLink

COOKIE_SALT = "client_area.device"

# Client pages run no script and load nothing from elsewhere.
CLIENT_CSP = {
    "default-src": [CSP.NONE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
}


def cookie_name() -> str:
    return settings.CLIENT_COOKIE_NAME


def idle_seconds() -> int:
    return settings.CLIENT_IDLE_SECONDS


def read_device(request: HttpRequest) -> dict | None:
    """The signed payload of this device's cookie: link id ``l``, verified ``v``, last seen ``s``."""
    raw = request.COOKIES.get(cookie_name())
    if not raw:
        return None
    try:
        payload = signing.loads(raw, salt=COOKIE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or not {"l", "v", "s"} <= payload.keys():
        return None
    return payload


def remember_device(response: HttpResponse, link: ClientLink, verified_at: int) -> None:
    """(Re)issue the cookie: the device is verified for ``link``; it was seen now."""
    now = int(time.time())
    value = signing.dumps({"l": link.pk, "v": verified_at, "s": now}, salt=COOKIE_SALT)
    lifetime = min(
        int(link.expires_at.timestamp()) - now, settings.CLIENT_DEVICE_DAYS * 24 * 60 * 60
    )
    response.set_cookie(
        cookie_name(),
        value,
        max_age=max(lifetime, 0),
        secure=settings.CLIENT_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def neutral(request: HttpRequest, *, status: int = 404) -> HttpResponse:
    """The one page every refusal gets: nothing about the client, the course or the reason."""
    return render(request, "client_area/neutral.html", status=status)


def refuse(request: HttpRequest, reason: str, link: ClientLink | None = None) -> HttpResponse:
    record(
        None,
        "client_link.refused",
        link,
        client=link.course.client_id if link is not None else None,
        detail={"reason": reason, "path": request.path[:200]},
    )
    return neutral(request)


def client_view(view: Callable) -> Callable:
    """Every client-area view, including the ones before a device is verified: no staff
    sign-in needed, strict CSP (no script at all)."""
    return login_not_required(csp_override(CLIENT_CSP)(view))


def client_page(view: Callable) -> Callable:
    """A page of the client area: sets ``request.client_link`` and ``request.course``
    (with ``course.client`` loaded), or answers the neutral page."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        device = read_device(request)
        if device is None:
            return refuse(request, "no_device")
        link = (
            ClientLink.objects.select_related("course__client", "course__therapist")
            .filter(pk=device["l"])
            .first()
        )
        if link is None:
            return refuse(request, "unknown")
        reason = link.refusal()
        if reason:
            return refuse(request, reason, link)
        if time.time() - device["s"] > idle_seconds():
            return render(request, "client_area/timed_out.html", status=401)
        request.client_link = link
        request.course = link.course
        response = view(request, *args, **kwargs)
        remember_device(response, link, device["v"])
        ClientLink.objects.filter(pk=link.pk).update(last_visit_at=timezone.now())
        return response

    return client_view(wrapped)
