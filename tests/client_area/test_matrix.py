"""The client area in the URL x role matrix, from the client's side: a verified client device
opens no staff page (the staff roles' side is in tests/access/test_matrix.py, kinds "client"
and "client_start")."""

import pytest
from django.urls import reverse

from tests.access.catalogue import CATALOGUE, World, url_for
from tests.client_area.links import client_phone

pytestmark = pytest.mark.django_db

STAFF_URLS = sorted(
    name
    for name, entry in CATALOGUE.items()
    if not name.startswith("client_area:") and entry.get != "feed"
)
PLAIN_STAFF_PAGES = ["home", "cases:caseload", "supervision:dashboard", "audit:event_list"]


@pytest.mark.parametrize("name", STAFF_URLS)
def test_a_client_device_opens_no_staff_page(name):
    world = World.build()
    phone, _, _ = client_phone(world.get("course"))
    url = url_for(name, world)
    response = phone.get(url)
    assert response.status_code in (302, 405), f"{name}: {response.status_code}"
    if response.status_code == 302:
        assert response["Location"].startswith("/accounts/login/")
    if CATALOGUE[name].post is not None:
        posted = phone.post(url, CATALOGUE[name].post(world))
        assert posted.status_code == 302 and posted["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("name", PLAIN_STAFF_PAGES)
def test_a_client_device_is_sent_to_staff_sign_in(course, name):
    phone, _, _ = client_phone(course)
    response = phone.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_client_pages_are_never_stored_and_run_under_a_strict_policy(course):
    phone, _, _ = client_phone(course)
    response = phone.get(reverse("client_area:home"))
    assert "no-store" in response["Cache-Control"]
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "script-src" not in policy  # no script at all: default-src 'none' covers it
    assert "frame-ancestors 'none'" in policy
    assert "<script" not in response.content.decode()
