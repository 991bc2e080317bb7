import time

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import UserSession
from accounts.services import deactivate
from accounts.signed_in import LAST_SEEN_KEY, STARTED_KEY
from audit.models import AuditEvent
from tests.factories import make_therapist

pytestmark = pytest.mark.django_db


def shift_clock(client: Client, key: str, seconds: int) -> None:
    session = client.session
    session[key] -= seconds
    session.save()


def test_it_signs_out_after_thirty_idle_minutes(client, therapist, settings):
    assert settings.SESSION_IDLE_SECONDS == 30 * 60
    client.force_login(therapist)
    shift_clock(client, LAST_SEEN_KEY, 29 * 60)
    assert client.get("/clients/").status_code == 200
    shift_clock(client, LAST_SEEN_KEY, 31 * 60)
    response = client.get("/clients/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    login_page = client.get(response["Location"])
    assert "without activity" in login_page.content.decode()


def test_activity_keeps_a_session_alive(client, therapist):
    client.force_login(therapist)
    shift_clock(client, LAST_SEEN_KEY, 25 * 60)
    assert client.get("/clients/").status_code == 200
    assert time.time() - client.session[LAST_SEEN_KEY] < 5
    shift_clock(client, LAST_SEEN_KEY, 25 * 60)
    assert client.get("/clients/").status_code == 200


def test_it_signs_out_twelve_hours_after_sign_in_however_busy(client, therapist, settings):
    assert settings.SESSION_ABSOLUTE_SECONDS == 12 * 60 * 60
    client.force_login(therapist)
    shift_clock(client, STARTED_KEY, 12 * 60 * 60 + 1)
    response = client.get("/clients/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_it_lists_where_the_user_is_signed_in(client, therapist, other_therapist):
    laptop, phone = Client(HTTP_USER_AGENT="Laptop browser"), Client(HTTP_USER_AGENT="Phone")
    laptop.force_login(therapist)
    phone.force_login(therapist)
    Client().force_login(other_therapist)
    client.force_login(therapist)
    page = client.get(reverse("accounts:my_sessions"))
    assert page.status_code == 200
    assert len(page.context["sessions"]) == 3
    assert "This browser" in page.content.decode()


def test_it_ends_one_of_the_users_own_sessions(client, therapist):
    other_browser = Client()
    other_browser.force_login(therapist)
    client.force_login(therapist)
    row = UserSession.objects.get(session_key=other_browser.session.session_key)
    response = client.post(reverse("accounts:end_session"), {"session": row.pk})
    assert response.status_code == 302
    assert other_browser.get("/clients/").status_code == 302
    assert client.get("/clients/").status_code == 200


def test_it_cannot_end_someone_elses_session(client, therapist, other_therapist):
    theirs = Client()
    theirs.force_login(other_therapist)
    client.force_login(therapist)
    row = UserSession.objects.get(user=other_therapist)
    client.post(reverse("accounts:end_session"), {"session": row.pk})
    assert theirs.get("/clients/").status_code == 200


def test_ending_the_current_session_signs_out(client, therapist):
    client.force_login(therapist)
    row = UserSession.objects.get(session_key=client.session.session_key)
    response = client.post(reverse("accounts:end_session"), {"session": row.pk})
    assert response["Location"] == reverse("login")
    assert client.get("/clients/").status_code == 302


def test_my_sessions_needs_sign_in(client):
    assert client.get(reverse("accounts:my_sessions"))["Location"].startswith(reverse("login"))


def test_deactivating_a_user_ends_all_their_sessions(client, therapist, service_admin):
    second = Client()
    second.force_login(therapist)
    client.force_login(therapist)
    assert deactivate(therapist, by=service_admin) == 2
    assert client.get("/clients/").status_code == 302
    assert second.get("/clients/").status_code == 302
    assert not UserSession.objects.filter(user=therapist).exists()
    assert AuditEvent.objects.filter(action="user.deactivate", object_id=str(therapist.pk))


def test_the_admin_deactivates_through_the_same_path(client, service_admin):
    service_admin.is_staff = service_admin.is_superuser = True
    service_admin.save()
    target = make_therapist()
    theirs = Client()
    theirs.force_login(target)
    client.force_login(service_admin)
    page = client.get(reverse("admin:accounts_user_change", args=[target.pk]))
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "password"}
    data.update(
        {
            "is_active": "",
            "date_joined_0": target.date_joined.strftime("%Y-%m-%d"),
            "date_joined_1": target.date_joined.strftime("%H:%M:%S"),
            "groups": [],
            "user_permissions": [],
        }
    )
    data.pop("date_joined", None)
    data.pop("last_login", None)
    response = client.post(reverse("admin:accounts_user_change", args=[target.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    target.refresh_from_db()
    assert not target.is_active
    assert theirs.get("/clients/").status_code == 302


def test_a_timed_out_htmx_request_sends_the_whole_window_to_sign_in(client, therapist):
    client.force_login(therapist)
    shift_clock(client, LAST_SEEN_KEY, 31 * 60)
    response = client.get("/clients/", HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("login"))
