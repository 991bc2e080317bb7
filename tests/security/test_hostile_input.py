"""Property tests: random and hostile values posted to every form never cause a 500, and a
submission that is not accepted changes no stored record."""

import datetime
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
# Text with a NUL byte somewhere in it (PostgreSQL refuses NUL in any text value).
nul_text = st.tuples(st.text(max_size=40), st.text(max_size=40)).map(lambda p: "\x00".join(p))
# Ids: past 64 bits (SQLite's OverflowError), negative, zero, not numbers at all.
hostile_id = st.one_of(
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.sampled_from(
        [
            "0",
            "-1",
            str(2**31),
            str(2**63 - 1),
            str(2**63),
            str(2**64),
            "9" * 60,
            "1e309",
            "0x10",
            " 1",
            "1.5",
            "",
            "1\x00",
            "NaN",
        ]
    ),
)
# Dates: any day of the calendar, the far past and future, impossible and malformed ones.
hostile_date = st.one_of(
    st.dates().map(datetime.date.isoformat),
    st.sampled_from(
        [
            "1800-01-01",
            "0001-01-01",
            "9999-12-31",
            "2026-02-30",
            "2026-13-01",
            "99999-01-01",
            "-2026-01-01",
            "2026-01-01\x00",
            "01/02/2026",
            "today",
        ]
    ),
)
STRATEGY_OF = {"id": hostile_id, "date": hostile_date, "text": st.one_of(hostile_text, nul_text)}


def snapshot() -> list:
    return [
        list(model._base_manager.order_by("pk").values_list())
        for model in record_models()
        if model._meta.label_lower not in BOOKKEEPING
    ]


def form_fields(html: str) -> dict[str, str]:
    """Each field a page offers, with the kind of hostile value it gets: an id for choices
    (select, radio, checkbox, hidden), a date for date inputs, text for the rest."""
    kinds: dict[str, str] = {}
    for tag, attrs in re.findall(r"<(input|textarea|select)([^>]*)>", html):
        name = re.search(r'\sname="([^"]+)"', attrs)
        if not name or name.group(1) in {"csrfmiddlewaretoken", "next"}:
            continue
        kind = re.search(r'\stype="([^"]+)"', attrs)
        kind = kind.group(1) if kind else tag
        if kind == "date":
            kinds[name.group(1)] = "date"
        elif kind in {"select", "radio", "checkbox", "hidden", "number"}:
            kinds[name.group(1)] = "id"
        else:
            kinds.setdefault(name.group(1), "text")
    return dict(sorted(kinds.items()))


@FAST
@given(username=st.one_of(hostile_text, nul_text), password=st.one_of(hostile_text, nul_text))
def test_sign_in_survives_anything(username, password):
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": password})
    # 400: a NUL byte, refused before any view (ipt_site.middleware).
    assert response.status_code in (200, 400, 429)
    assert "_auth_user_id" not in client.session


@FAST
@given(code=st.one_of(hostile_text, nul_text))
def test_the_second_step_survives_anything(therapist, code):
    app_device(therapist)
    client = Client()
    unverified_force_login(client, therapist)
    response = client.post(reverse("accounts:mfa_verify"), {"code": code})
    assert response.status_code in (200, 400)
    assert client.get("/clients/").status_code == 302


@FAST
@given(code=st.one_of(hostile_text, nul_text))
def test_enrolment_survives_anything(other_therapist, code):
    client = Client()
    unverified_force_login(client, other_therapist)
    response = client.post(reverse("accounts:mfa_enrol"), {"code": code})
    assert response.status_code in (200, 400)
    assert not TOTPDevice.objects.filter(user=other_therapist, confirmed=True).exists()


@FAST
@given(
    query=st.dictionaries(
        st.sampled_from(["user", "action", "client", "date_from", "date_to", "page", "q"]),
        st.one_of(hostile_text, nul_text, hostile_id, hostile_date),
    )
)
def test_the_audit_viewer_and_search_survive_any_filter(service_admin, query):
    client = Client()
    client.force_login(service_admin)
    # NUL bytes included: 400 (refused before the view), never a 500 on PostgreSQL.
    has_nul = any("\x00" in v for v in query.values())
    expected = 400 if has_nul else 200
    assert client.get(reverse("audit:event_list"), query).status_code == expected
    assert client.get(reverse("cases:client_search"), query).status_code == expected


def hostile_poster(client: Client, url: str, fields: dict[str, str]):
    # A page without a form gets a few tries; a form gets the full run. Each field gets values
    # of its kind (ids, dates, text with and without NUL), plus a field no form has.
    strategies = {name: STRATEGY_OF[kind] for name, kind in fields.items()}
    strategies["unexpected_field"] = st.one_of(hostile_text, hostile_id)

    @settings(FAST, max_examples=25 if fields else 5)
    @given(data=st.fixed_dictionaries(strategies))
    def post_hostile(data):
        before = snapshot()
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
        fields = form_fields(page.content.decode()) if page.status_code == 200 and is_html else {}
        hostile_poster(client, url, fields)()
        walked += 1
    assert walked >= 5


GET_PARAMETERS = ["edit", "session", "version", "page", "instrument", "q", "before", "after"]


def hostile_getter(client: Client, url: str):
    @settings(FAST, max_examples=4)
    @given(
        query=st.dictionaries(
            st.sampled_from(GET_PARAMETERS),
            st.one_of(hostile_id, hostile_date, hostile_text, nul_text),
            min_size=1,
        )
    )
    def get_hostile(query):
        assert client.get(url, query).status_code != 500, (url, query)

    return get_hostile


def test_every_page_survives_hostile_query_parameters(therapist):
    """The query parameters views read (ids, versions, pages, dates) get hostile values."""
    world = make_world(therapist)
    client = Client()
    client.force_login(therapist)
    for route in all_routes():
        if route.name != "logout":
            hostile_getter(client, url_of(route, world))()


def test_a_username_longer_than_any_column_is_refused_and_counted():
    """On PostgreSQL a 300-character username once overflowed the lockout table (a 500)."""
    from axes.models import AccessAttempt

    from accounts.signin_audit import unknown_username_mark

    client = Client()
    response = client.post(reverse("login"), {"username": "x" * 300, "password": "wrong"})
    assert response.status_code == 200
    # Counted under a mark of its first 150 characters (the text itself is kept nowhere).
    assert AccessAttempt.objects.get().username == f"unknown:{unknown_username_mark('x' * 150)}"
