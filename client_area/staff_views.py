"""The staff side of the client area: issue and revoke a client's link, and the service
administrator's list of staff emails that did not go out."""

import segno
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from cases.models import Course
from client_area import services
from client_area.models import ClientLink, StaffNotice


def link_qr_svg(url: str) -> str:
    """The link as a QR code, inline SVG made on the server (nothing loaded from elsewhere)."""
    return segno.make(url, error="m").svg_inline(
        scale=5,
        dark="#111",
        light="#fff",
        svgclass="qr",
        omitsize=True,
        title="QR code of the client's link",
    )


# The new token waits in the issuer's session between the POST and the page that shows it,
# and is removed from there the first time it is shown: the database keeps only its hash.
ISSUED_KEY = "client_link_issued"


@require_POST
def issue(request: HttpRequest, course_id: int) -> HttpResponse:
    course = get_object_or_404(Course.objects.editable_by(request.user), pk=course_id)
    if not course.is_open:
        messages.error(request, "A closed course cannot have a client link.")
        return redirect(course)
    link, token = services.issue_link(course, by=request.user)
    request.session[ISSUED_KEY] = {"link": link.pk, "token": token}
    return redirect("client_links:issued", course_id=course.pk, link_id=link.pk)


@require_GET
def issued(request: HttpRequest, course_id: int, link_id: int) -> HttpResponse:
    """The new link, shown once, as a link and a QR code: the page to hand it over from."""
    course = get_object_or_404(Course.objects.editable_by(request.user), pk=course_id)
    link = get_object_or_404(ClientLink.objects.filter(course=course), pk=link_id)
    waiting = request.session.get(ISSUED_KEY) or {}
    if waiting.get("link") != link.pk:
        messages.info(request, "A client link is shown only once. Issue a new one if it was lost.")
        return redirect(course)
    del request.session[ISSUED_KEY]
    url = request.build_absolute_uri(reverse("client_area:start", args=[waiting["token"]]))
    return render(
        request,
        "client_area/staff/issued.html",
        {"course": course, "link": link, "url": url, "qr": link_qr_svg(url)},
    )


@require_POST
def revoke(request: HttpRequest, course_id: int, link_id: int) -> HttpResponse:
    course = get_object_or_404(Course.objects.editable_by(request.user), pk=course_id)
    link = get_object_or_404(ClientLink.objects.filter(course=course), pk=link_id)
    services.revoke_link(link, by=request.user)
    messages.success(request, "The client's link no longer works.")
    return redirect(course)


@require_GET
def undelivered_notices(request: HttpRequest) -> HttpResponse:
    """Service administrators: staff emails from the client area that failed, or are still
    being retried, so someone can tell the clinician another way."""
    if not request.user.is_service_admin:
        raise Http404
    notices = (
        StaffNotice.objects.visible_to(request.user)
        .undelivered()
        .select_related("link__course__client", "link__course__therapist")
    )
    return render(request, "client_area/staff/undelivered.html", {"notices": notices})
