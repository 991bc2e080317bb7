"""Caseload and supervisor lists: open risk and not-on-track without a query per row."""

import pytest

from cases.models import Course
from measures.models import RiskLevel
from measures.queries import outcomes_for, with_open_risk
from measures.services import close_flag
from tests import factories
from tests.measures.factories import make_flag, make_response

pytestmark = pytest.mark.django_db


def test_it_annotates_open_risk_and_its_highest_level(therapist):
    calm = factories.make_course(therapist=therapist)
    screened = factories.make_course(therapist=therapist)
    high = factories.make_course(therapist=therapist)
    make_flag(screened)
    make_flag(high, level=RiskLevel.MODERATE)
    make_flag(high, level=RiskLevel.HIGH)
    closed = factories.make_course(therapist=therapist)
    close_flag(make_flag(closed), by=therapist, assessment="a", actions="b", contacted="c")
    rows = {c.pk: c for c in with_open_risk(Course.objects.all())}
    assert (rows[calm.pk].risk_open, rows[calm.pk].risk_level) == (False, None)
    assert (rows[screened.pk].risk_open, rows[screened.pk].risk_level) == (True, RiskLevel.SCREEN)
    assert (rows[high.pk].risk_open, rows[high.pk].risk_level) == (True, RiskLevel.HIGH)
    assert rows[closed.pk].risk_open is False


@pytest.mark.parametrize("rows", [1, 6])
def test_it_annotates_in_one_query_whatever_the_number_of_rows(
    therapist, rows, django_assert_num_queries
):
    for _ in range(rows):
        course = factories.make_course(therapist=therapist)
        make_flag(course)
    with django_assert_num_queries(1):
        assert all(c.risk_open for c in with_open_risk(Course.objects.all()))


@pytest.mark.parametrize("rows", [1, 6])
def test_it_works_out_outcomes_for_a_list_in_two_queries(
    therapist, rows, django_assert_num_queries
):
    for _ in range(rows):
        course = factories.make_course(therapist=therapist)
        make_response(course, "phq9", 15)
        make_response(course, "phq9", 8)
    courses = list(Course.objects.all())
    with django_assert_num_queries(2):
        facts = outcomes_for(courses)
    assert all(f.outcome.reliable_improvement for f in facts.values())


def test_it_marks_a_course_not_on_track_from_session_6_without_a_fall_of_3(therapist):
    course = factories.make_course(therapist=therapist)
    for _ in range(6):
        factories.make_session(course)
    make_response(course, "phq9", 15)
    make_response(course, "phq9", 13)
    assert outcomes_for([course])[course.pk].not_on_track
    make_response(course, "phq9", 12)
    assert not outcomes_for([course])[course.pk].not_on_track


def test_it_reads_the_not_on_track_thresholds_from_settings(therapist, settings):
    course = factories.make_course(therapist=therapist)
    factories.make_session(course)
    make_response(course, "phq9", 15)
    make_response(course, "phq9", 14)
    assert not outcomes_for([course])[course.pk].not_on_track
    settings.OUTCOME_NOT_ON_TRACK_FROM_SESSION = 1
    assert outcomes_for([course])[course.pk].not_on_track


def test_it_shows_risk_and_not_on_track_on_the_caseload(client, therapist, supervisor):
    from django.urls import reverse

    at_risk = factories.make_course(therapist=therapist)
    make_flag(at_risk, level=RiskLevel.HIGH)
    stuck = factories.make_course(therapist=therapist)
    for _ in range(6):
        factories.make_session(stuck)
    make_response(stuck, "phq9", 15)
    make_response(stuck, "phq9", 15)
    client.force_login(therapist)
    page = client.get(reverse("cases:caseload")).content.decode()
    assert page.count('data-testid="risk-tag"') == 1
    assert "High risk" in page
    assert page.count('data-testid="not-on-track-tag"') == 1
    client.force_login(supervisor)
    page = client.get(reverse("cases:caseload")).content.decode()
    assert "High risk" in page


def test_it_puts_the_outcomes_panel_on_the_course_page(client, therapist, supervisor):
    from django.urls import reverse

    course = factories.make_course(therapist=therapist)
    make_response(course, "phq9", 16)
    make_response(course, "phq9", 10)
    client.force_login(therapist)
    page = client.get(reverse("cases:course_detail", args=[course.pk])).content.decode()
    assert 'data-testid="outcomes-panel"' in page
    assert "Reliable improvement" in page
    assert "Add PHQ-9" in page
    client.force_login(supervisor)
    page = client.get(reverse("cases:course_detail", args=[course.pk])).content.decode()
    assert "Reliable improvement" in page
    assert "Add PHQ-9" not in page
