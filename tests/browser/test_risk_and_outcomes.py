"""In Chromium: a positive PHQ-9 item 9 raises a flag everyone sees; it closes only by a review;
scores across sessions draw the chart and the classification; the summary PDF downloads."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from cases.models.courses import CourseStatus
from measures.models import RiskFlag
from tests import factories
from tests.measures.factories import make_response

pytestmark = pytest.mark.django_db(transaction=True)


def answer(page, item: int, label: str):
    page.locator(f"#item-{item}").get_by_label(label, exact=True).check()


def test_it_raises_and_closes_a_risk_flag(
    sign_in, live_server, therapist, supervisor, screenshot, assert_accessible
):
    course = factories.make_course(therapist=therapist)
    factories.make_session(course)
    page = sign_in(therapist)

    page.goto(
        f"{live_server.url}{reverse('measures:response_new', args=[course.pk])}?instrument=phq9"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Patient Health Questionnaire (PHQ-9)"
    )
    for item in range(1, 9):
        answer(page, item, "More than half the days" if item <= 3 else "Several days")
    # The total updates in place as items are answered (htmx partial).
    expect(page.get_by_test_id("score")).to_contain_text("8 of 9 items answered")
    expect(page.get_by_test_id("score-total")).to_have_text("11")
    answer(page, 9, "Several days")
    expect(page.get_by_test_id("score-band")).to_have_text("Moderate")
    expect(page.get_by_test_id("score-total")).to_have_text("12")
    expect(page.get_by_test_id("score-risk")).to_be_visible()
    assert_accessible("questionnaire form")
    screenshot("measures-phq9-form")
    page.get_by_role("button", name="Save PHQ-9").click()

    # The risk page, with the banner, straight after saving.
    expect(page.get_by_role("heading", level=1)).to_have_text("Risk and safety plan")
    expect(page.get_by_test_id("risk-banner")).to_contain_text("PHQ-9 item 9 answered positively")
    expect(page.get_by_test_id("open-flag")).to_have_count(1)
    assert_accessible("risk page")
    screenshot("measures-risk-open")

    # On the course page, the client page and the caseload.
    page.goto(f"{live_server.url}{reverse('cases:course_detail', args=[course.pk])}")
    expect(page.get_by_test_id("risk-banner")).to_contain_text("Open risk flag")
    screenshot("measures-course-page-flag")
    page.goto(f"{live_server.url}{reverse('cases:client_detail', args=[course.client.pk])}")
    expect(page.get_by_test_id("risk-banner")).to_be_visible()
    page.goto(f"{live_server.url}{reverse('cases:caseload')}")
    expect(page.get_by_test_id("risk-tag")).to_have_text("Risk: assess now")
    screenshot("measures-caseload-flag")

    # The supervisor sees it too, read-only.
    page.get_by_role("button", name="Sign out").click()
    sign_in(supervisor)
    page.goto(f"{live_server.url}{reverse('cases:caseload')}")
    expect(page.get_by_test_id("risk-tag")).to_be_visible()
    page.goto(f"{live_server.url}{reverse('measures:course_risk', args=[course.pk])}")
    expect(page.get_by_test_id("risk-banner")).to_be_visible()
    expect(page.get_by_role("link", name="Record a risk review and close")).to_have_count(0)
    screenshot("measures-risk-supervisor")
    page.get_by_role("link", name="see the answers").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Patient Health Questionnaire")
    expect(page.get_by_test_id("read-only")).to_be_visible()
    assert_accessible("questionnaire answers")
    screenshot("measures-response-detail")

    # Back as the therapist: closing without a review is refused.
    page.get_by_role("button", name="Sign out").click()
    sign_in(therapist)
    page.goto(f"{live_server.url}{reverse('measures:course_risk', args=[course.pk])}")
    page.get_by_role("link", name="Record a risk review and close").click()
    page.get_by_label("Assessment").fill("Passive thoughts of death, no plan or intent.")
    page.get_by_role("button", name="Save the review and close the flag").click()
    expect(page.get_by_role("alert").filter(has_text="The flag is still open")).to_be_visible()
    expect(page.get_by_label("Assessment")).to_have_value(
        "Passive thoughts of death, no plan or intent."
    )
    screenshot("measures-review-refused")
    assert RiskFlag.objects.get().is_open

    page.get_by_label("Actions").fill("Safety plan written together; next session brought forward.")
    page.get_by_label("Who was contacted").fill("GP informed by phone.")
    page.get_by_role("button", name="Save the review and close the flag").click()
    expect(page.get_by_test_id("no-open-flags")).to_be_visible()
    expect(page.get_by_test_id("closed-flag")).to_contain_text("GP informed by phone.")
    expect(page.get_by_test_id("risk-banner")).to_have_count(0)
    screenshot("measures-risk-closed")

    # The safety plan.
    page.get_by_role("link", name="No safety plan yet").click()
    page.get_by_role("link", name="Write the safety plan").click()
    page.get_by_label("2. My own coping strategies").fill("Walk by the river; call my sister")
    assert_accessible("safety plan form")
    screenshot("measures-safety-plan-form")
    page.get_by_role("button", name="Save the safety plan").click()
    expect(page.get_by_text("Walk by the river; call my sister")).to_be_visible()
    screenshot("measures-safety-plan")


def test_it_charts_scores_across_sessions_and_downloads_the_summary(
    sign_in, live_server, therapist, screenshot, assert_accessible, tmp_path
):
    client = factories.make_client(registered_by=therapist, referral_source="Dr Patel")
    course = factories.make_course(
        therapist=therapist,
        client=client,
        planned_sessions=12,
        start_date=datetime.date.today() - datetime.timedelta(weeks=12),
    )
    sessions = [factories.make_session(course) for _ in range(11)]
    for session, phq, gad in [(sessions[0], 17, 12), (sessions[3], 14, 10), (sessions[6], 11, 8)]:
        make_response(course, "phq9", phq, session=session, on=session.held_at.date())
        make_response(course, "gad7", gad, session=session, on=session.held_at.date())

    page = sign_in(therapist)
    # The last PHQ-9 entered through the form, attached to session 11.
    page.goto(
        f"{live_server.url}{reverse('measures:response_new', args=[course.pk])}?instrument=phq9&session={sessions[-1].pk}"
    )
    for item in range(1, 10):
        answer(page, item, "Several days" if item <= 5 else "Not at all")
    expect(page.get_by_test_id("score-band")).to_have_text("Mild")
    page.get_by_role("button", name="Save PHQ-9").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Outcome measures")
    expect(page.get_by_test_id("outcome-summary")).to_have_text("Reliable improvement")
    expect(page.locator("svg[role=img]")).to_be_visible()
    expect(page.get_by_role("table").filter(has_text="Scores as a table")).to_contain_text(
        "Assessment" if False else "11"
    )
    assert_accessible("outcome measures page")
    screenshot("measures-outcomes")

    factories.make_event(
        course, description="Row with her partner", occurred_on=sessions[4].held_at.date()
    )
    page.goto(f"{live_server.url}{reverse('inventory:timeline', args=[course.pk])}")
    expect(page.locator("#timeline-scores-title")).to_have_count(1)
    screenshot("measures-timeline-scores")

    page.goto(f"{live_server.url}{reverse('cases:course_detail', args=[course.pk])}")
    expect(page.get_by_test_id("outcomes-panel")).to_contain_text("Reliable improvement")
    screenshot("measures-course-page-outcomes")

    course.status = CourseStatus.COMPLETED
    course.save(update_fields=["status"])
    page.goto(f"{live_server.url}{reverse('measures:course_measures', args=[course.pk])}")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="End-of-treatment summary (PDF)").click()
    download = download_info.value
    path = tmp_path / "summary.pdf"
    download.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")
    assert download.suggested_filename.startswith(f"summary-{client.record_number}")
