"""The signed-in user is read with the session, in one query, and checked exactly as before."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import UserSession

pytestmark = pytest.mark.django_db


def _queries(client, url="/clients/"):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [q["sql"] for q in queries.captured_queries]


def test_it_reads_the_session_and_its_user_in_one_query(client, therapist):
    client.force_login(therapist)
    response, sql = _queries(client)
    assert response.status_code == 200
    assert response.wsgi_request.user == therapist
    assert [q for q in sql if "django_session" in q] == [sql[0]]
    assert '"accounts_user"' in sql[0]
    assert not [q for q in sql[1:] if q.startswith('SELECT "accounts_user"."id"')], sql


def test_it_reads_the_user_itself_when_the_session_is_not_listed(client, therapist):
    client.force_login(therapist)
    UserSession.objects.all().delete()
    response, sql = _queries(client)
    assert response.status_code == 200
    assert response.wsgi_request.user == therapist
    assert [q for q in sql if q.startswith('SELECT "accounts_user"."id"')]


def test_a_password_changed_elsewhere_still_ends_the_session(client, therapist):
    client.force_login(therapist)
    assert client.get("/clients/").status_code == 200
    therapist.set_password("a-new-password-2026")
    therapist.save()
    response = client.get("/clients/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_deactivated_user_is_signed_out(client, therapist, supervisor):
    client.force_login(therapist)
    assert client.get("/clients/").status_code == 200
    therapist.is_active = False
    therapist.save()
    response = client.get("/clients/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_session_listed_under_another_user_is_still_its_own_users(client, therapist, supervisor):
    """The join is only a candidate: the user id comes from the session's signed data."""
    client.force_login(therapist)
    UserSession.objects.filter(session_key=client.session.session_key).update(user=supervisor)
    response = client.get("/clients/")
    assert response.wsgi_request.user == therapist


def test_the_encoded_session_is_not_left_on_the_user(client, therapist):
    client.force_login(therapist)
    response = client.get("/clients/")
    user = response.wsgi_request.user
    assert user == therapist and not hasattr(user._wrapped, "ipt_session_data")
