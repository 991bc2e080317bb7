from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp.plugins.otp_static.models import StaticToken

from accounts import second_factor, signed_in
from accounts.forms import CodeForm


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Send each role to its start page."""
    user = request.user
    if user.is_supervisor:
        return redirect("supervision:dashboard")
    if user.is_service_admin:
        return redirect("supervision:service")
    if user.is_facilitator:
        return redirect("groups:list")
    return redirect("cases:caseload")


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("home")


@require_http_methods(["GET", "POST"])
def mfa_enrol(request: HttpRequest) -> HttpResponse:
    """First sign-in: add an authenticator app by scanning a QR code, then confirm with a code."""
    if second_factor.has_app(request.user):
        return redirect("accounts:mfa_verify")
    device = second_factor.pending_app(request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = second_factor.confirm_app(request, form.cleaned_data["code"])
        if codes:
            request.session[second_factor.NEW_CODES_KEY] = codes
            return redirect(f"{reverse('accounts:recovery_codes')}?next={_next_url(request)}")
        form.add_error(
            "code",
            "That code did not match. Check that your phone's clock is right and type the newest code.",
        )
    context = {
        "form": form,
        "qr": second_factor.qr_svg(device),
        "secret": second_factor.manual_secret(device),
        "next": _next_url(request),
    }
    return render(request, "accounts/mfa_enrol.html", context)


@require_http_methods(["GET", "POST"])
def mfa_verify(request: HttpRequest) -> HttpResponse:
    """Second step of every sign-in: a code from the app, or a recovery code."""
    if second_factor.is_verified(request):
        return redirect(_next_url(request))
    if not second_factor.has_app(request.user):
        return redirect("accounts:mfa_enrol")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if second_factor.verify(request, form.cleaned_data["code"]):
            return redirect(_next_url(request))
        form.add_error(
            "code",
            "That code was not accepted. Codes change every 30 seconds and each works only once: "
            "wait for the next one, or use a recovery code.",
        )
    return render(request, "accounts/mfa_verify.html", {"form": form, "next": _next_url(request)})


@require_GET
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """Show a new set of recovery codes, once."""
    codes = request.session.pop(second_factor.NEW_CODES_KEY, None)
    if not codes:
        return redirect("accounts:my_sessions")
    return render(
        request, "accounts/recovery_codes.html", {"codes": codes, "next": _next_url(request)}
    )


@require_POST
def recovery_codes_new(request: HttpRequest) -> HttpResponse:
    request.session[second_factor.NEW_CODES_KEY] = second_factor.replace_recovery_codes(
        request.user
    )
    return redirect(f"{reverse('accounts:recovery_codes')}?next={reverse('accounts:my_sessions')}")


@require_GET
def my_sessions(request: HttpRequest) -> HttpResponse:
    """Where the user is signed in, with a button to end any of those sessions."""
    sessions = signed_in.live_sessions(request.user)
    codes_left = StaticToken.objects.filter(device__user=request.user).count()
    context = {
        "sessions": sessions,
        "current_key": request.session.session_key,
        "codes_left": codes_left,
        "idle_minutes": settings.SESSION_IDLE_SECONDS // 60,
    }
    return render(request, "accounts/my_sessions.html", context)


@require_POST
def end_session(request: HttpRequest) -> HttpResponse:
    try:
        signed_in_id = int(request.POST.get("session", ""))
    except ValueError:
        signed_in_id = 0
    current = signed_in.UserSession.objects.filter(
        pk=signed_in_id, session_key=request.session.session_key
    ).exists()
    if not signed_in.end_session(request.user, signed_in_id):
        messages.error(request, "That session had already ended.")
        return redirect("accounts:my_sessions")
    if current:
        logout(request)
        return redirect("login")
    messages.success(request, "That session has ended: the browser will need to sign in again.")
    return redirect("accounts:my_sessions")
