"""The second factor: TOTP authenticator apps plus one-time recovery codes (django-otp).

A session counts as verified once ``django_otp.login`` has stored the device that accepted a
code (session key ``otp_device_id``). Sessions are stored on the server, so the key cannot be
forged; resetting a user's devices ends all their sessions, so a stale key never outlives its
device. Checking the key costs no query, unlike django-otp's own middleware.
"""

import base64

import django_otp
import segno
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from accounts.signed_in import end_all_sessions, rotate_key
from audit.trail import record

RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"
NEW_CODES_KEY = "mfa_new_recovery_codes"
# The unconfirmed device this browser session is enrolling: its secret is shown to this
# session only, so a key glimpsed by anyone else (with the password) can never be confirmed.
PENDING_KEY = "mfa_pending_device"


def is_verified(request: HttpRequest) -> bool:
    return bool(request.session.get(django_otp.DEVICE_ID_SESSION_KEY))


def is_exempt(user: User) -> bool:
    """Demo users may skip the second factor, and only while DEBUG is on."""
    return settings.DEBUG and user.mfa_exempt_in_debug


def second_factor_done(request: HttpRequest) -> bool:
    return is_verified(request) or is_exempt(request.user)


def has_app(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def _session_pending(request: HttpRequest):
    pk = request.session.get(PENDING_KEY)
    if not isinstance(pk, int):
        return TOTPDevice.objects.none()
    return TOTPDevice.objects.filter(user=request.user, confirmed=False, pk=pk)


def pending_app(request: HttpRequest) -> TOTPDevice:
    """The unconfirmed device this session is enrolling: a fresh secret for each session.

    A reload keeps the secret (the user may have scanned it already); another session, or the
    same one after an administrator's reset (which ends every session), gets a new one.
    """
    device = _session_pending(request).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name=APP_DEVICE_NAME, confirmed=False)
        request.session[PENDING_KEY] = device.pk
    return device


def manual_secret(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for typing into an app by hand."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The enrolment QR code as inline SVG markup (no external image, nothing for the CSP to load)."""
    qr = segno.make(device.config_url, error="m")
    return qr.svg_inline(
        scale=4,
        dark="#111",
        light="#fff",
        svgclass="qr",
        omitsize=True,  # a viewBox instead of a fixed size, so CSS can size it
        title="QR code for your authenticator app",
    )


def _clean(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def confirm_app(request: HttpRequest, code: str) -> list[str] | None:
    """Confirm this session's pending app with a code; returns fresh recovery codes, or None.

    Only the device whose secret this session was shown can be confirmed, and only while the
    user has no confirmed app; every other pending enrolment of the user is voided.
    """
    user = request.user
    with transaction.atomic():
        device = _session_pending(request).select_for_update().first()
        if device is None or has_app(user) or not device.verify_token(_clean(code)):
            record(user, "auth.mfa_failed", detail={"step": "enrol"})
            return None
        TOTPDevice.objects.filter(user=user, confirmed=False).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = new_recovery_codes(user)
        record(user, "auth.mfa_enrolled")
    request.session.pop(PENDING_KEY, None)
    django_otp.login(request, device)
    rotate_key(request)
    return codes


def replace_recovery_codes(user: User) -> list[str]:
    with transaction.atomic():
        codes = new_recovery_codes(user)
        record(user, "auth.recovery_codes_replaced")
    return codes


def new_recovery_codes(user: User) -> list[str]:
    """Replace the user's recovery codes with a new set; each works once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def verify(request: HttpRequest, code: str) -> bool:
    """Check a code from the app, or a recovery code, and mark the session verified."""
    user = request.user
    code = _clean(code)
    accepted = None
    if code:
        for model in (TOTPDevice, StaticDevice):
            for device in model.objects.filter(user=user, confirmed=True):
                # verify_token locks the device row and refuses a code already used (last_t).
                if django_otp.verify_token(user, device.persistent_id, code):
                    accepted = device
                    break
            if accepted:
                break
    if accepted is None:
        record(user, "auth.mfa_failed", detail={"step": "verify"})
        return False
    django_otp.login(request, accepted)
    rotate_key(request)
    record(
        user,
        "auth.mfa_verified",
        detail={"method": "recovery code" if isinstance(accepted, StaticDevice) else "app"},
    )
    return True


def reset(user: User, *, by: User) -> None:
    """Remove a user's devices (lost phone) and end their sessions: they enrol again next sign-in.

    Pending enrolments go too (they are unconfirmed devices), and with the sessions ends any
    record of which session was shown which secret.
    """
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        end_all_sessions(user)
        record(by, "auth.mfa_reset", user)
