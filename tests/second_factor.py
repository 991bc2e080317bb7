"""Test sign-ins that have done the second factor.

Every test client's ``force_login`` (and ``login``) is wrapped by an autouse fixture in
tests/conftest.py so the session is also verified by a confirmed TOTP device, exactly as
``django_otp.login`` would after a real code. Tests about the second factor itself use
``unverified_force_login`` to get a session that has only passed the password step.
"""

import django_otp
from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.signin_audit import not_recorded

unverified_force_login = Client.force_login
_plain_login = Client.login


def app_device(user) -> TOTPDevice:
    """The user's confirmed authenticator app (made on first use)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Test app", confirmed=True)


def current_code(device: TOTPDevice, *, fresh: bool = True) -> str:
    """The code the user's app shows now. ``fresh`` forgets the last code used, so a test can
    sign the same user in twice within one 30-second step."""
    if fresh:
        TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
        device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def mark_verified(client: Client, user) -> None:
    session = client.session
    session[django_otp.DEVICE_ID_SESSION_KEY] = app_device(user).persistent_id
    session.save()


def verified_force_login(client: Client, user, backend=None) -> None:
    with not_recorded():
        unverified_force_login(client, user, backend)
    mark_verified(client, user)


def verified_login(client: Client, **credentials) -> bool:
    credentials.setdefault("request", HttpRequest())  # django-axes needs the request
    with not_recorded():
        ok = _plain_login(client, **credentials)
    if ok:
        user = get_user_model().objects.get(username=credentials["username"])
        mark_verified(client, user)
    return ok
