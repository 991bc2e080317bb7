"""Requests no form of ours can have sent are refused before any view sees them."""

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string

NUL = "\x00"


def _has_nul(data) -> bool:
    return any(NUL in key or any(NUL in value for value in values) for key, values in data.lists())


class RefuseNulBytesMiddleware:
    """A NUL byte in the query string or a form answers 400 (F6).

    No browser form or link of the app sends one; PostgreSQL refuses it in any text value (a
    500 from a search), and SQLite would store it. Refusing it here covers every view, present
    and future, on both databases; nothing is changed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            NUL in request.path
            or _has_nul(request.GET)
            or (request.method == "POST" and _has_nul(request.POST))
        ):
            return HttpResponseBadRequest(render_to_string("400.html", request=request))
        return self.get_response(request)
