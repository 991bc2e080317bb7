"""The course page past its last planned session, and clinical dates refused when impossible."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from sessions.models import NoteStatus
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def today():
    """Read when a test runs, not at import: a run that crosses midnight stays right."""
    return timezone.localdate()


def sixteen_sessions_held(therapist, extra: int = 0):
    start = today() - datetime.timedelta(weeks=16 + extra)
    client = factories.make_client(
        registered_by=therapist, given_name="Robin", family_name="Hale", record_number="RN-2041"
    )
    course = factories.make_course(therapist=therapist, client=client, start_date=start)
    for week in range(1, 17 + extra):
        factories.make_session(
            course, status=NoteStatus.SIGNED, planned_week=week if week <= 16 else None
        )
    return course


def test_the_course_page_says_when_the_plan_is_used_up_and_labels_an_extra_session(
    sign_in, live_server, screenshot, assert_accessible
):
    therapist = factories.make_therapist(first_name="Tess", last_name="Therapist")
    course = sixteen_sessions_held(therapist)
    page = sign_in(therapist)
    page.goto(f"{live_server.url}/courses/{course.pk}/")
    expect(page.locator("h1")).to_contain_text("All 16 planned sessions held")
    expect(page.get_by_test_id("plan-reached")).to_contain_text(
        "The last planned session has been held."
    )
    expect(page.locator("body")).not_to_contain_text("17 of 16")
    expect(page.get_by_test_id("clinical-start")).to_contain_text(f"{course.start_date:%-d %b %Y}")
    screenshot("course-dates-01-after-session-16")
    page.screenshot(path="test-artifacts/course-dates-01b-after-session-16-top.png")
    assert_accessible("course page after the last planned session")

    factories.make_session(course, status=NoteStatus.SIGNED)
    page.reload()
    expect(page.locator("h1")).to_contain_text("All 16 planned sessions held, plus 1 extra")
    expect(page.get_by_test_id("plan-reached")).to_contain_text(
        "1 session held beyond the 16 agreed with the client."
    )
    expect(page.locator(".progress__cell--extra")).to_have_count(1)
    screenshot("course-dates-02-extra-session")
    page.screenshot(path="test-artifacts/course-dates-02b-extra-session-top.png")
    assert_accessible("course page with an extra session")


def test_impossible_dates_are_refused_at_the_field_with_the_input_kept(
    sign_in, live_server, screenshot, assert_accessible
):
    therapist = factories.make_therapist(first_name="Tess", last_name="Therapist")
    client = factories.make_client(registered_by=therapist, given_name="Robin")
    course = factories.make_course(
        therapist=therapist, client=client, start_date=today() - datetime.timedelta(weeks=3)
    )
    for name in ("Dan", "Mum", "Priya"):
        factories.make_person(course, name=name)
    factories.make_formulation(course)
    page = sign_in(therapist)
    base = f"{live_server.url}/courses/{course.pk}"

    future = today() + datetime.timedelta(days=2)
    page.goto(f"{base}/inventory/")
    completion = page.locator("#completion")
    expect(completion.get_by_label("Completed with the client on")).to_have_value(
        today().isoformat()
    )
    completion.get_by_label("Completed with the client on").fill(future.isoformat())
    completion.get_by_role("button", name="Mark the inventory complete").click()
    expect(page.locator("#completion")).to_contain_text("This date is in the future.")
    expect(page.locator("#completion").get_by_label("Completed with the client on")).to_have_value(
        future.isoformat()
    )
    expect(page.locator("#completion")).to_contain_text("Not complete")
    page.locator("#completion").scroll_into_view_if_needed()
    screenshot("course-dates-03-inventory-future-date")
    assert_accessible("inventory completion refused")

    session_day = today() - datetime.timedelta(weeks=1)
    page.locator("#completion").get_by_label("Completed with the client on").fill(
        session_day.isoformat()
    )
    page.locator("#completion").get_by_role("button", name="Mark the inventory complete").click()
    expect(page.locator("#completion")).to_contain_text(
        f"Completed with the client on {session_day:%-d %B %Y}"
    )

    before = course.start_date - datetime.timedelta(days=1)
    page.goto(f"{base}/formulation/")
    share = page.locator("#share-form")
    share.get_by_label("Shared with the client on").fill(before.isoformat())
    share.get_by_label("The client agreed with the formulation").check()
    share.get_by_label("The client's own words").fill("I get low when Dan and I fight.")
    share.get_by_role("button", name="Record as shared").click()
    share = page.locator("#share-form")
    expect(share).to_contain_text("cannot be shared before the course started")
    expect(share.get_by_label("Shared with the client on")).to_have_value(before.isoformat())
    expect(share.get_by_label("The client's own words")).to_have_value(
        "I get low when Dan and I fight."
    )
    screenshot("course-dates-04-share-before-course")
    assert_accessible("share refused")
