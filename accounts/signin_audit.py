"""Sign-ins, failed sign-ins, lockouts and sign-outs go on the audit trail.

These are signals of django.contrib.auth and django-axes (not of our own models).
"""

import contextlib
import contextvars

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

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


def lockout_username(request, credentials: dict | None = None) -> str:
    """The username django-axes counts failures against (``AXES_USERNAME_CALLABLE``).

    Cut to the longest real username (150), so a hostile, longer one is still counted and
    locked out instead of overflowing axes' 255-character column on PostgreSQL (a 500).
    """
    if credentials:
        return _username(credentials)
    return _username(getattr(request, "POST", None) or {})


@receiver(user_logged_in, dispatch_uid="accounts.signin_audit.logged_in")
def logged_in(sender, request, user, **kwargs) -> None:
    if not _quiet.get():
        record(user, "auth.login")


@receiver(user_login_failed, dispatch_uid="accounts.signin_audit.login_failed")
def login_failed(sender, credentials, request=None, **kwargs) -> None:
    record(None, "auth.login_failed", detail={"username": _username(credentials)})


@receiver(user_locked_out, dispatch_uid="accounts.signin_audit.locked_out")
def locked_out(sender, request, username, ip_address, **kwargs) -> None:
    record(None, "auth.lockout", detail={"username": str(username or "")[:150]})


@receiver(user_logged_out, dispatch_uid="accounts.signin_audit.logged_out")
def logged_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        record(user, "auth.logout")
