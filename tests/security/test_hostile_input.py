"""Property tests: random and hostile values posted to every form never cause a 500, and a
submission that is not accepted changes no stored record."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.records import record_models
from tests.second_factor import app_device, unverified_force_login
from tests.security.markup import HOSTILE
from tests.security.urlwalk import all_routes, make_world, url_of

pytestmark = pytest.mark.django_db

FAST = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Rows that legitimately change on any request (audit, sign-in bookkeeping, lockout counters).
BOOKKEEPING = {
    "audit.auditevent",
    "accounts.usersession",
    "otp_totp.totpdevice",
    "otp_static.staticdevice",
    "otp_static.statictoken",
}

hostile_text = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=300))


def snapshot() -> list:
    return [
        list(model._base_manager.order_by("pk").values_list())
        for model in record_models()
        if model._meta.label_lower not in BOOKKEEPING
    ]


def form_fields(html: str) -> list[str]:
    names = re.findall(r'<(?:input|textarea|select)[^>]*\sname="([^"]+)"', html)
    return sorted({n for n in names if n not in {"csrfmiddlewaretoken", "next"}})


@FAST
@given(username=hostile_text, password=hostile_text)
def test_sign_in_survives_anything(username, password):
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": password})
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session


@FAST
@given(code=hostile_text)
def test_the_second_step_survives_anything(therapist, code):
    app_device(therapist)
    client = Client()
    unverified_force_login(client, therapist)
    response = client.post(reverse("accounts:mfa_verify"), {"code": code})
    assert response.status_code == 200
    assert client.get("/clients/").status_code == 302


@FAST
@given(code=hostile_text)
def test_enrolment_survives_anything(other_therapist, code):
    client = Client()
    unverified_force_login(client, other_therapist)
    response = client.post(reverse("accounts:mfa_enrol"), {"code": code})
    assert response.status_code == 200
    assert not TOTPDevice.objects.filter(user=other_therapist, confirmed=True).exists()


@FAST
@given(
    query=st.dictionaries(
        st.sampled_from(["user", "action", "client", "date_from", "date_to", "page", "q"]),
        hostile_text,
    )
)
def test_the_audit_viewer_and_search_survive_any_filter(service_admin, query):
    client = Client()
    client.force_login(service_admin)
    clean = {k: v.replace("\x00", "") for k, v in query.items()}
    assert client.get(reverse("audit:event_list"), clean).status_code == 200
    assert client.get(reverse("cases:client_search"), clean).status_code == 200


def hostile_poster(client: Client, url: str, fields: list[str]):
    # A page without a form gets a few tries; a form gets the full run.
    @settings(FAST, max_examples=25 if fields else 5)
    @given(values=st.lists(hostile_text, min_size=len(fields) + 1, max_size=len(fields) + 1))
    def post_hostile(values):
        before = snapshot()
        data = dict(zip(fields, values, strict=False))
        data["unexpected_field"] = values[-1]
        response = client.post(url, data)
        assert response.status_code != 500, url
        if response.status_code not in (301, 302, 303):
            assert snapshot() == before, f"{url} refused the input but changed records"

    return post_hostile


def test_every_form_refuses_hostile_input_without_a_500_or_a_change(therapist):
    """Walks every URL: posts hostile values to the fields its page shows (or none)."""
    world = make_world(therapist)
    client = Client()
    client.force_login(therapist)
    walked = 0
    for route in all_routes():
        if route.name in {"logout", "accounts:end_session"}:
            continue  # signing out is always accepted; covered by their own tests
        url = url_of(route, world)
        page = client.get(url)
        is_html = "html" in page.get("Content-Type", "")
        fields = form_fields(page.content.decode()) if page.status_code == 200 and is_html else []
        hostile_poster(client, url, fields)()
        walked += 1
    assert walked >= 5


def test_a_username_longer_than_any_column_is_refused_and_counted():
    """On PostgreSQL a 300-character username once overflowed the lockout table (a 500)."""
    from axes.models import AccessAttempt

    client = Client()
    response = client.post(reverse("login"), {"username": "x" * 300, "password": "wrong"})
    assert response.status_code == 200
    assert AccessAttempt.objects.get().username == "x" * 150
