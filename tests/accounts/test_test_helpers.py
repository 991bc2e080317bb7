"""The test sign-in helpers other suites rely on (tests/second_factor.py)."""

import pytest

from audit.models import AuditEvent
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_force_login_gives_a_session_past_both_steps(client, therapist):
    client.force_login(therapist)
    assert client.get("/clients/").status_code == 200
    assert not AuditEvent.objects.filter(action="auth.login").exists()


def test_login_with_a_password_works_too(client, therapist):
    assert client.login(username=therapist.username, password=PASSWORD)
    assert client.get("/clients/").status_code == 200


def test_login_with_a_wrong_password_fails(client, therapist):
    assert not client.login(username=therapist.username, password="wrong")
    assert client.get("/clients/").status_code == 302
