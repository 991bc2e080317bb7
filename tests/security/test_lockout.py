from unittest import mock

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def attempt(client: Client, username: str, password: str, ip: str = "10.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_it_locks_an_account_and_address_after_five_failures(client, therapist):
    for _ in range(4):
        assert attempt(client, therapist.username, "wrong-password").status_code == 200
    locked = attempt(client, therapist.username, "wrong-password")
    assert locked.status_code == 429
    assert "Sign-in paused" in locked.content.decode()
    # Even the right password is refused now, from this address.
    again = attempt(client, therapist.username, PASSWORD)
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session


def test_it_keeps_the_lock_to_that_account_and_address(client, therapist, other_therapist):
    for _ in range(5):
        attempt(client, therapist.username, "wrong-password")
    assert attempt(Client(), other_therapist.username, PASSWORD).status_code == 302
    assert attempt(Client(), therapist.username, PASSWORD, ip="10.0.0.2").status_code == 302


def test_it_refuses_a_locked_attempt_without_hashing_the_password(client, therapist):
    for _ in range(5):
        attempt(client, therapist.username, "wrong-password")
    with (
        mock.patch.object(
            MD5PasswordHasher, "verify", autospec=True, side_effect=MD5PasswordHasher.verify
        ) as verify,
        mock.patch.object(
            MD5PasswordHasher, "encode", autospec=True, side_effect=MD5PasswordHasher.encode
        ) as encode,
    ):
        response = attempt(client, therapist.username, PASSWORD)
    assert response.status_code == 429
    assert verify.call_count == encode.call_count == 0


def test_the_locked_page_says_the_same_for_a_made_up_account(client):
    for _ in range(5):
        attempt(client, "nobody-at-all", "wrong-password")
    response = attempt(client, "nobody-at-all", "wrong-password")
    assert response.status_code == 429
    text = response.content.decode()
    assert "nobody-at-all" not in text
    assert "does not exist" not in text


def test_it_records_failures_and_the_lockout(client, therapist):
    for _ in range(5):
        attempt(client, therapist.username, "wrong-password")
    failed = AuditEvent.objects.filter(action="auth.login_failed")
    assert failed.count() == 5
    assert failed.first().detail == {"username": therapist.username}
    assert failed.first().ip == "10.0.0.1"
    assert AuditEvent.objects.filter(action="auth.lockout").count() >= 1


def test_it_records_sign_in_and_sign_out(client, therapist):
    attempt(client, therapist.username, PASSWORD)
    client.post(reverse("logout"))
    actions = list(
        AuditEvent.objects.filter(actor=therapist).order_by("id").values_list("action", flat=True)
    )
    assert actions == ["auth.login", "auth.logout"]


# Issue 14: what a failed sign-in keeps, and a cap per account across addresses ------------


def test_a_password_typed_into_the_username_box_is_kept_nowhere(client, therapist):
    from axes.models import AccessAttempt

    from audit.models import AuditEvent as Event

    typed = "my-Secret-passphrase-42"
    attempt(client, typed, "wrong-password")
    failed = Event.objects.get(action="auth.login_failed")
    assert typed not in str(failed.detail)
    assert failed.detail["username"] is None
    assert len(failed.detail["unknown_username"]) == 8  # a short keyed hash: groups repeats
    stored = AccessAttempt.objects.get()
    assert typed not in f"{stored.username} {stored.get_data} {stored.post_data}"


def test_a_made_up_username_is_still_counted_and_locked(client):
    for _ in range(5):
        attempt(client, "made-up-name", "wrong-password")
    assert attempt(client, "made-up-name", "wrong-password").status_code == 429


def test_an_account_is_locked_after_twenty_failures_from_any_addresses(client, therapist):
    for n in range(20):
        attempt(Client(), therapist.username, "wrong-password", ip=f"10.1.0.{n}")
    fresh = attempt(Client(), therapist.username, PASSWORD, ip="10.2.0.1")
    assert fresh.status_code == 429
    assert AuditEvent.objects.filter(action="auth.lockout").exists()


def test_fewer_failures_spread_over_addresses_do_not_lock_the_account(client, therapist):
    for n in range(19):
        attempt(Client(), therapist.username, "wrong-password", ip=f"10.1.0.{n}")
    assert attempt(Client(), therapist.username, PASSWORD, ip="10.2.0.1").status_code == 302
