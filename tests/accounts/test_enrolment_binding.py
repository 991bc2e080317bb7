"""Enrolment secrets belong to the browser session that asked for them (issue 14, F2), and the
session key changes once the second step is passed (session fixation)."""

import base64
import time

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP

from accounts.models import UserSession
from accounts.second_factor import reset
from tests.factories import PASSWORD
from tests.second_factor import app_device, current_code, unverified_force_login

pytestmark = pytest.mark.django_db


def secret_shown(client: Client) -> str:
    page = client.get(reverse("accounts:mfa_enrol"))
    assert page.status_code == 200
    return page.context["secret"].replace(" ", "")


def code_from(secret: str, *, steps_ahead: int = 0) -> str:
    """The code an app holding ``secret`` shows now (or a step later: a code not yet used)."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    totp = TOTP(key)
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def sign_in_with_password(user) -> Client:
    browser = Client()
    signed_in = browser.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert signed_in.status_code == 302
    return browser


def test_a_second_session_is_shown_a_different_secret(therapist):
    attacker, user = sign_in_with_password(therapist), sign_in_with_password(therapist)
    assert secret_shown(attacker) != secret_shown(user)


def test_a_reload_in_the_same_session_keeps_the_secret(therapist):
    browser = sign_in_with_password(therapist)
    assert secret_shown(browser) == secret_shown(browser)


def test_a_secret_seen_by_another_session_never_passes_the_second_step(therapist, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    attacker, user = sign_in_with_password(therapist), sign_in_with_password(therapist)
    stolen = secret_shown(attacker)
    mine = secret_shown(user)
    done = user.post(reverse("accounts:mfa_enrol"), {"code": code_from(mine)})
    assert done.status_code == 302
    # The attacker's page now sends them to the verify step; the key they kept does not work.
    refused = attacker.post(reverse("accounts:mfa_enrol"), {"code": code_from(stolen)})
    assert refused["Location"].startswith(reverse("accounts:mfa_verify"))
    later = sign_in_with_password_then_verify(therapist, code_from(stolen, steps_ahead=1))
    assert later.status_code == 200 and "not accepted" in later.content.decode()


def sign_in_with_password_then_verify(user, code: str):
    browser = Client()
    browser.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    return browser.post(reverse("accounts:mfa_verify"), {"code": code})


def test_an_admin_reset_voids_pending_enrolments(therapist, service_admin, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    app_device(therapist)
    reset(therapist, by=service_admin)
    attacker = sign_in_with_password(therapist)
    stolen = secret_shown(attacker)
    user = sign_in_with_password(therapist)
    mine = secret_shown(user)
    assert mine != stolen
    assert user.post(reverse("accounts:mfa_enrol"), {"code": code_from(mine)}).status_code == 302
    later = sign_in_with_password_then_verify(therapist, code_from(stolen, steps_ahead=1))
    assert "not accepted" in later.content.decode()


def test_a_code_for_another_sessions_secret_does_not_enrol(therapist, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    attacker, user = sign_in_with_password(therapist), sign_in_with_password(therapist)
    stolen = secret_shown(attacker)
    secret_shown(user)
    response = user.post(reverse("accounts:mfa_enrol"), {"code": code_from(stolen)})
    assert response.status_code == 200
    assert "did not match" in response.content.decode()


def test_passing_the_second_step_gives_the_session_a_new_key(client, therapist):
    device = app_device(therapist)
    unverified_force_login(client, therapist)
    before = client.session.session_key
    assert UserSession.objects.filter(session_key=before).exists()
    response = client.post(reverse("accounts:mfa_verify"), {"code": current_code(device)})
    assert response.status_code == 302
    after = client.session.session_key
    assert after != before
    assert client.get("/clients/").status_code == 200
    assert UserSession.objects.filter(session_key=after, user=therapist).exists()
    assert not UserSession.objects.filter(session_key=before).exists()


def test_enrolling_gives_the_session_a_new_key(therapist, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    browser = sign_in_with_password(therapist)
    before = browser.session.session_key
    secret = secret_shown(browser)
    assert (
        browser.post(reverse("accounts:mfa_enrol"), {"code": code_from(secret)}).status_code == 302
    )
    assert browser.session.session_key != before
    assert UserSession.objects.filter(session_key=browser.session.session_key).exists()


def test_a_reset_ends_the_session_that_was_shown_a_secret_and_deletes_it(therapist, service_admin):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    attacker = sign_in_with_password(therapist)
    secret_shown(attacker)
    assert TOTPDevice.objects.filter(user=therapist, confirmed=False).count() == 1
    reset(therapist, by=service_admin)
    assert not TOTPDevice.objects.filter(user=therapist).exists()
    assert attacker.get(reverse("accounts:mfa_enrol"))["Location"].startswith(reverse("login"))
