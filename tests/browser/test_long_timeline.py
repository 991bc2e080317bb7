"""A timeline spanning six years (an event in 2020 on a 2026 course) in Chromium: the page, its
edit view and the removal of the old event all work (issue 14, F3)."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests import factories
from tests.browser.test_security_pages import csp_violations  # noqa: F401 (fixture)
from tests.measures.factories import make_response

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_six_year_timeline_draws_and_its_old_event_can_be_removed(
    page,
    sign_in,
    therapist,
    live_server,
    screenshot,
    csp_violations,  # noqa: F811
):
    today = timezone.localdate()
    client = factories.make_client(
        registered_by=therapist, given_name="Rosa", date_of_birth=datetime.date(1980, 5, 2)
    )
    course = factories.make_course(therapist=therapist, client=client)
    factories.make_event(
        course, occurred_on=datetime.date(2020, 6, 1), kind="loss", description="Lost her job"
    )
    factories.make_event(
        course, occurred_on=today - datetime.timedelta(days=60), description="Row with sister"
    )
    factories.make_event(
        course,
        occurred_on=today - datetime.timedelta(days=45),
        kind="mood_onset",
        description="Low most days",
    )
    make_response(course, total=17, on=today - datetime.timedelta(days=7))
    make_response(course, total=12, on=today)

    sign_in(therapist)
    page.goto(f"{live_server.url}/courses/{course.pk}/timeline/")
    chart = page.locator("svg.chart--timeline")
    expect(chart).to_be_visible()
    expect(chart.get_by_text("2020", exact=True)).to_have_count(1)  # a year tick
    screenshot("timeline-six-years")

    row = page.locator("tr", has_text="Lost her job")
    row.get_by_role("link", name="Edit").click()
    expect(page.get_by_label("Description")).to_have_value("Lost her job")
    screenshot("timeline-six-years-edit")
    assert csp_violations == []
