"""In Chromium: a course walked to its end through the ending form and reopened; a
non-responder walked to a recorded decision that the summary letter prints; the supervisor's
recently-closed view, filtered in place."""

import datetime
import re
import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from cases.services import endings as ending_services
from sessions.models import RelapsePreventionPlan
from tests import factories
from tests.browser.conftest import ARTIFACTS
from tests.measures.factories import make_flag, make_response

pytestmark = pytest.mark.django_db(transaction=True)


def course_in_termination(therapist, *, first: int, last: int, given="Nora", family="Quinn"):
    client = factories.make_client(
        registered_by=therapist, given_name=given, family_name=family, referral_source="Dr Patel"
    )
    course = factories.make_course(
        therapist=therapist,
        client=client,
        start_date=timezone.localdate() - datetime.timedelta(weeks=14),
    )
    sessions = [factories.make_session(course) for _ in range(13)]
    make_response(course, "phq9", first, session=sessions[0], on=sessions[0].held_at.date())
    make_response(course, "phq9", last, session=sessions[-1], on=sessions[-1].held_at.date())
    return course


def test_a_therapist_walks_a_course_to_its_end_and_reopens_it(
    sign_in, live_server, therapist, screenshot, assert_accessible
):
    course = course_in_termination(therapist, first=18, last=5)
    RelapsePreventionPlan.objects.create(
        course=course,
        warning_signs="Sleeping badly",
        stressors="Exams in June",
        what_helped="Talking to her brother",
        what_to_do="Call her brother; book the GP",
        who_to_contact="GP surgery",
    )
    page = sign_in(therapist)
    page.goto(live_server.url + course.get_absolute_url())
    actions = page.get_by_test_id("course-actions")
    expect(actions.get_by_role("button", name="Add session 14")).to_be_visible()
    screenshot("course-ending-course-page")
    actions.get_by_role("link", name="Complete the course…").click()

    expect(page.get_by_role("heading", name="Complete the course")).to_be_visible()
    expect(page.get_by_test_id("ending-outcome")).to_have_text("Reliable recovery")
    expect(page.get_by_test_id("relapse-plan-state")).to_contain_text("Written (all parts)")
    assert_accessible("ending form")
    page.get_by_role("button", name="Record the decision").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("13 of 16 sessions held")
    expect(page.get_by_test_id("ending").first).to_contain_text("No further step needed")

    # Reopen: a reason is required; the ending stays in the history.
    page.get_by_role("link", name="Reopen the course…").click()
    page.get_by_role("button", name="Reopen the course").click()
    expect(page.locator(".error-summary")).to_contain_text("Say why the course is being reopened")
    screenshot("course-ending-reopen-form")
    assert_accessible("reopen form")
    page.get_by_label("Why is the course being reopened?").fill("Low mood came back after exams")
    page.get_by_role("button", name="Reopen the course").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Session 14 of 16")
    expect(page.get_by_test_id("ending").first).to_contain_text("Low mood came back after exams")
    course.refresh_from_db()
    assert course.status == "active"


def test_a_therapist_walks_a_non_responder_to_a_recorded_decision(
    sign_in, live_server, therapist, screenshot, assert_accessible, tmp_path
):
    course = course_in_termination(therapist, first=18, last=16, given="Ada", family="Lorne")
    page = sign_in(therapist)
    page.goto(live_server.url + reverse("cases:course_complete", args=[course.pk]))
    expect(page.get_by_test_id("ending-outcome")).to_have_text("No reliable change")
    expect(page.get_by_test_id("relapse-plan-state")).to_contain_text("Not started")

    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".error-summary")).to_contain_text("decide what happens next")
    page.get_by_label("What happens next").select_option(label="Referral on to another service")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".error-summary")).to_contain_text("Give the reason for this decision")
    expect(page.get_by_label("What happens next")).to_have_value("refer_on")  # kept
    screenshot("course-ending-form-decision-error")
    assert_accessible("ending form with errors")
    page.get_by_label("Reason for the decision").fill(
        "Still at caseness after 13 sessions: referred to the community mental health team."
    )
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_test_id("ending").first).to_contain_text("Referral on to another service")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="End-of-treatment summary (PDF)").click()
    path = tmp_path / "summary.pdf"
    download_info.value.save_as(path)
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(path, ARTIFACTS / "course-ending-letter.pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    assert "What happens next" in flat
    assert "Referral on to another service." in flat
    assert "referred to the community mental health team." in flat
    assert "no reliable change" in flat


def test_the_supervisor_sees_recently_closed_courses_and_filters_them(
    sign_in, live_server, therapist, supervisor, screenshot, assert_accessible
):
    done = course_in_termination(therapist, first=18, last=16, given="Ben", family="Oduya")
    ending_services.complete_course(
        therapist, done, decision="medication_review", reason="GP to review the antidepressant."
    )
    risky = factories.make_course(
        therapist=therapist,
        client=factories.make_client(
            registered_by=therapist, given_name="Iris", family_name="Vale"
        ),
    )
    factories.make_session(risky)
    make_flag(risky, reason="PHQ-9 item 9 answered 'several days'.")
    ending_services.end_course_early(
        therapist,
        risky,
        "moved_away",
        told="Her new GP by phone",
        arranged="GP sees her this week; crisis line given",
    )
    page = sign_in(supervisor)
    page.goto(live_server.url + reverse("supervision:dashboard"))
    expect(page.get_by_test_id("open-risk-closed")).to_contain_text("Iris Vale")
    page.get_by_role("navigation", name="Dashboard views").get_by_role(
        "link", name="Recently closed"
    ).click()
    rows = page.locator("#closed-results tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Iris Vale")  # open risk first
    expect(rows.nth(1)).to_contain_text("Medication review")
    screenshot("course-ending-recently-closed")
    assert_accessible("recently closed")
    page.get_by_label("Risk").select_option(label="Open risk flag")
    expect(page).to_have_url(re.compile(r"risk=open"))
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Handed over: Her new GP by phone")
