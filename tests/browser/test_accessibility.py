"""axe-core over the pages therapists and supervisors use most. Extend PAGES as pages arrive."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_has_no_accessibility_violations_on_sign_in(page, live_server, assert_accessible):
    page.goto(f"{live_server.url}{reverse('login')}")
    assert_accessible("sign-in page")


def test_it_has_no_accessibility_violations_on_the_caseload(sign_in, therapist, assert_accessible):
    sign_in(therapist)
    assert_accessible("caseload")


def test_it_shows_a_visible_focus_ring_for_keyboard_users(sign_in, therapist):
    page = sign_in(therapist)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
