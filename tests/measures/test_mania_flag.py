"""The "possible mania or hypomania" flag: the latest valid ASRM at or above 6 (Altman et al.
1997). 5 raises nothing; 6 shows on the course page, the caseload and the supervisor's
dashboard; a later screen below 6, or voiding the positive one, clears it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.outcomes import plan_for
from measures import instruments
from measures.mania import is_mania_flagged, mania_screen, with_mania_screen
from measures.services import void_response
from tests import factories
from tests.measures.factories import make_response

pytestmark = pytest.mark.django_db


@pytest.fixture
def ipsrt(therapist):
    return factories.make_course(therapist=therapist, adaptation="ipsrt")


def _asrm(course, total, days_ago=0):
    return make_response(
        course, "asrm", total, on=timezone.localdate() - datetime.timedelta(days=days_ago)
    )


def _pages(client, therapist, supervisor, course) -> dict[str, str]:
    client.force_login(therapist)
    pages = {
        "course": client.get(reverse("cases:course_detail", args=[course.pk])),
        "caseload": client.get(reverse("cases:caseload")),
    }
    client.force_login(supervisor)
    pages["dashboard"] = client.get(reverse("supervision:dashboard"))
    return {name: page.content.decode() for name, page in pages.items()}


def test_it_raises_no_flag_at_5(client, therapist, supervisor, ipsrt):
    _asrm(ipsrt, 5)
    assert mania_screen(ipsrt) is None
    pages = _pages(client, therapist, supervisor, ipsrt)
    assert 'data-testid="mania-flag"' not in pages["course"]
    assert 'data-testid="mania-tag"' not in pages["caseload"]
    assert '<span class="tag tag--risk" title="The latest mania screen' not in pages["dashboard"]


def test_it_flags_possible_mania_at_6_on_every_page_that_shows_risk(
    client, therapist, supervisor, ipsrt
):
    response = _asrm(ipsrt, 6)
    assert mania_screen(ipsrt) == response
    pages = _pages(client, therapist, supervisor, ipsrt)
    assert 'data-testid="mania-flag"' in pages["course"]
    assert "scored 6, at or above the screening cut-off of 6" in pages["course"]
    assert 'data-testid="mania-tag"' in pages["caseload"]
    assert '<span class="tag tag--risk" title="The latest mania screen (ASRM)' in pages["dashboard"]


def test_it_reads_the_latest_screen_and_ignores_a_voided_one(therapist, ipsrt):
    from cases.models import Course

    positive = _asrm(ipsrt, 9, days_ago=7)
    row = with_mania_screen(Course.objects.filter(pk=ipsrt.pk)).get()
    assert is_mania_flagged(row) and row.mania_total == 9
    _asrm(ipsrt, 2)
    assert not is_mania_flagged(with_mania_screen(Course.objects.filter(pk=ipsrt.pk)).get())
    later = _asrm(ipsrt, 8)
    assert mania_screen(ipsrt) == later
    void_response(later, by=therapist, reason="Entered for the wrong client")
    assert mania_screen(ipsrt) is None  # the screen before it (2) is the latest valid one
    assert positive.pk  # kept on record


def test_the_caseload_annotates_the_flag_without_a_query_per_row(
    client, therapist, django_assert_max_num_queries
):
    for _ in range(4):
        course = factories.make_course(therapist=therapist, adaptation="ipsrt")
        _asrm(course, 7)
    client.force_login(therapist)
    client.get(reverse("cases:caseload"))
    with django_assert_max_num_queries(12) as counted:
        body = client.get(reverse("cases:caseload")).content.decode()
    assert body.count('data-testid="mania-tag"') == 4
    few = len(counted.captured_queries)
    factories.make_course(therapist=therapist, adaptation="ipsrt")
    with django_assert_max_num_queries(few):
        client.get(reverse("cases:caseload"))


def test_it_is_due_for_ipsrt_courses_but_never_enters_the_outcome():
    assert instruments.defaults_for("ipsrt") == ("phq9", "gad7", "asrm")
    assert "asrm" not in plan_for("ipsrt").codes
    assert "asrm" not in instruments.defaults_for("standard")
    assert "asrm" not in instruments.thresholds()


def test_the_session_page_offers_the_asrm_as_a_due_grid_for_ipsrt(client, therapist, ipsrt):
    for _ in range(3):
        factories.make_session(ipsrt, note="x")
    session = factories.make_session(ipsrt)
    client.force_login(therapist)
    body = client.get(reverse("sessions:edit", args=[session.pk])).content.decode()
    assert 'name="q-asrm-5"' in body
