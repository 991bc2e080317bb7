"""Middleware that applies the sign-in rules to every view, present and future."""

from urllib.parse import quote

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from accounts import second_factor, signed_in

# Views a signed-in user reaches before the second factor is done.
BEFORE_SECOND_FACTOR = {"accounts:mfa_verify", "accounts:mfa_enrol", "logout"}
SIGNED_OUT_REASON_KEY = "signed_out_reason"


def _redirect(request: HttpRequest, url: str) -> HttpResponse:
    """A redirect that also works for htmx requests (which would otherwise swap the page in)."""
    if request.headers.get("HX-Request") == "true":
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


class NoStoreMiddleware:
    """Nothing this app serves may be kept by a browser or proxy cache: it is all clinical or
    sign-in material. Static files are not the app's: WhiteNoise, placed before this in
    MIDDLEWARE, answers them with its own cache headers, and this skips them in any case."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(self.static_prefix):
            add_never_cache_headers(response)
        return response

    @property
    def static_prefix(self) -> str:
        return "/" + settings.STATIC_URL.lstrip("/")


class SessionLimitsMiddleware:
    """Sign a user out after SESSION_IDLE_SECONDS without a request, or SESSION_ABSOLUTE_SECONDS
    after sign-in, whichever comes first. LoginRequiredMiddleware then sends them to sign in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            reason = signed_in.lapsed(request)
            if reason:
                logout(request)
                request.session[SIGNED_OUT_REASON_KEY] = reason
        return self.get_response(request)


class SecondFactorMiddleware:
    """Until the second factor is done, every page except sign-in, the second-factor steps and
    sign-out redirects to the verify step (or to enrolment for a user with no app yet)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # A signed-out (or timed-out) htmx request would swap the sign-in page into a fragment:
        # send the whole window there instead.
        if (
            request.headers.get("HX-Request") == "true"
            and response.status_code == 302
            and response["Location"].startswith(resolve_url(settings.LOGIN_URL))
        ):
            return _redirect(request, response["Location"])
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if not getattr(view_func, "login_required", True):
            return None  # public pages (sign-in) stay reachable
        user = request.user
        if not user.is_authenticated or second_factor.second_factor_done(request):
            return None
        if request.resolver_match and request.resolver_match.view_name in BEFORE_SECOND_FACTOR:
            return None
        step = "accounts:mfa_verify" if second_factor.has_app(user) else "accounts:mfa_enrol"
        url = reverse(step)
        if request.method == "GET":
            url += f"?next={quote(request.get_full_path())}"
        return _redirect(request, url)
