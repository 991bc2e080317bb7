"""Sign-ins, failed sign-ins, lockouts and sign-outs go on the audit trail.

These are signals of django.contrib.auth and django-axes (not of our own models).
"""

import contextlib
import contextvars

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.utils.crypto import salted_hmac

from audit.trail import record

_quiet = contextvars.ContextVar("signin_audit_quiet", default=False)


@contextlib.contextmanager
def not_recorded():
    """For test set-up only (``Client.force_login``): a sign-in that is not a real event."""
    token = _quiet.set(True)
    try:
        yield
    finally:
        _quiet.reset(token)


def _username(credentials: dict) -> str:
    return str(credentials.get("username") or "")[:150]


def _known(typed: str) -> bool:
    from accounts.models import User

    return bool(typed) and User.objects.filter(username=typed).exists()


def unknown_username_mark(typed: str) -> str:
    """A short keyed hash of a username no account has: repeats of one made-up name can be
    grouped, but the text (often a password typed into the wrong box) is kept nowhere."""
    key = "accounts.signin_audit.unknown_username"
    return salted_hmac(key, typed, algorithm="sha256").hexdigest()[:8]


def lockout_username(request, credentials: dict | None = None) -> str:
    """The username django-axes counts failures against (``AXES_USERNAME_CALLABLE``).

    A real username as it is; anything else as ``unknown:<mark>``, so axes' tables never hold
    what was typed (it may be a password) yet a made-up name is still counted and locked out.
    Cut to the longest real username (150) first, so a hostile, longer one cannot overflow
    axes' 255-character column on PostgreSQL (a 500).
    """
    typed = _username(credentials or getattr(request, "POST", None) or {})
    if not typed or _known(typed):
        return typed
    return f"unknown:{unknown_username_mark(typed)}"


@receiver(user_logged_in, dispatch_uid="accounts.signin_audit.logged_in")
def logged_in(sender, request, user, **kwargs) -> None:
    if not _quiet.get():
        record(user, "auth.login")


@receiver(user_login_failed, dispatch_uid="accounts.signin_audit.login_failed")
def login_failed(sender, credentials, request=None, **kwargs) -> None:
    typed = _username(credentials)
    if _known(typed):
        detail = {"username": typed}
    else:
        detail = {"username": None, "unknown_username": unknown_username_mark(typed)}
    record(None, "auth.login_failed", detail=detail)


@receiver(user_locked_out, dispatch_uid="accounts.signin_audit.locked_out")
def locked_out(sender, request, username, ip_address, **kwargs) -> None:
    record(None, "auth.lockout", detail={"username": str(username or "")[:150]})


@receiver(user_logged_out, dispatch_uid="accounts.signin_audit.logged_out")
def logged_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        record(user, "auth.logout")
