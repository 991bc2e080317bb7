"""In Chromium, on the demo data: each course's outcome panel reads its own measures (issue 13,
part 3), and the end-of-treatment letter names them. Screenshots and the two letters are left
under test-artifacts/ for a person to look at."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from accounts.models import User
from cases.models import Course
from cases.models.courses import CourseStatus
from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(settings):
    settings.DEBUG = True  # seed_demo refuses to run otherwise
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.DEBUG = False
    courses = {c.client.record_number: c for c in Course.objects.select_related("client")}
    users = {u.username: u for u in User.objects.filter(username__in=["therapist2", "supervisor"])}
    return {"trainee": users["therapist2"], "supervisor": users["supervisor"], "courses": courses}


def _save_letter(page, live_server, course, name: str) -> None:
    url = f"{live_server.url}{reverse('measures:summary_pdf', args=[course.pk])}"
    response = page.request.get(url)
    assert response.status == 200
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"{name}.pdf").write_bytes(response.body())


def test_the_outcome_panels_and_letters_read_each_course_s_own_measures(
    demo, sign_in, settings, live_server, screenshot, assert_accessible
):
    page = sign_in(demo["trainee"], settings.DEMO_PASSWORD)
    teen, perinatal = demo["courses"]["DEMO-2001"], demo["courses"]["DEMO-2003"]

    page.goto(f"{live_server.url}{reverse('cases:course_detail', args=[teen.pk])}")
    panel = page.get_by_test_id("outcomes-panel")
    expect(panel.get_by_test_id("outcome-summary")).to_have_text(
        "Lower (reliable change not known)"
    )
    expect(panel.locator("tr[data-measure=phqa]")).to_contain_text("none published")
    expect(panel).to_contain_text("No reliable-change threshold is published for the PHQ-A")
    expect(panel.get_by_role("img", name="PHQ-A scores by session")).to_be_visible()
    assert_accessible("IPT-A course page")
    panel.screenshot(path=str(screenshot("outcomes-ipt-a-page").with_name("outcomes-ipt-a.png")))

    page.goto(f"{live_server.url}{reverse('cases:course_detail', args=[perinatal.pk])}")
    panel = page.get_by_test_id("outcomes-panel")
    expect(panel.get_by_test_id("outcome-summary")).to_have_text("Reliable improvement")
    for code in ("phq9", "gad7", "epds"):
        expect(panel.locator(f"tr[data-measure={code}]")).to_be_visible()
    expect(panel).to_contain_text("Not counted as recovered: the EPDS was still 13")
    expect(panel.get_by_role("link", name="Add PHQ-9")).to_be_visible()
    assert_accessible("perinatal course page")
    panel.screenshot(
        path=str(screenshot("outcomes-perinatal-page").with_name("outcomes-perinatal.png"))
    )

    _save_letter(page, live_server, perinatal, "letter-perinatal")

    # The supervisor's dashboard names each course's own depression measure in its score cells.
    page.context.clear_cookies()
    page = sign_in(demo["supervisor"], settings.DEMO_PASSWORD)
    expect(page.locator("tr", has_text="DEMO-2001")).to_contain_text("PHQ-A")
    expect(page.locator("tr", has_text="DEMO-2001")).to_contain_text(
        "Lower (reliable change not known)"
    )
    expect(page.locator("tr", has_text="DEMO-2003")).to_contain_text("Reliable improvement")
    screenshot("outcomes-supervisor-dashboard")

    # The IPT-A letter, once the course has ended.
    Course.objects.filter(pk=teen.pk).update(status=CourseStatus.COMPLETED)
    _save_letter(page, live_server, teen, "letter-ipt-a")
