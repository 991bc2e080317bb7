"""In Chromium at phone size: the client opens their link, passes the date-of-birth step,
answers a PHQ-9 with item 9 positive and is shown what to do now; the therapist then sees the
flag on the caseload and the answers on the session page, and the staff email is in the outbox.
Every client page passes axe-core and loads nothing from another origin."""

import datetime
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from sessions.models import Attendance
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture(autouse=True)
def _client_cookie_over_plain_http(settings):
    settings.CLIENT_COOKIE_SECURE = False
    settings.CLIENT_COOKIE_NAME = "ipt_client"
    settings.CLIENT_CRISIS_TEXT = "Call the Example crisis line on 0800 000 0000, day or night."


def test_a_client_answers_a_phq9_on_their_phone_and_the_therapist_sees_the_risk(
    page, browser, live_server, sign_in, screenshot, therapist
):
    therapist.email = "tess@example.org"
    therapist.save(update_fields=["email"])
    course = factories.make_course(
        therapist=therapist,
        client=factories.make_client(
            given_name="Robin", family_name="Phoneclient", date_of_birth=datetime.date(1990, 3, 7)
        ),
    )
    session = factories.make_session(
        course,
        attendance=Attendance.SCHEDULED,
        scheduled_for=timezone.now() + datetime.timedelta(days=1),
    )

    # The therapist issues the link from the course page.
    sign_in(therapist)
    page.goto(f"{live_server.url}{reverse('cases:course_detail', args=[course.pk])}")
    page.get_by_role("button", name="Issue a client link").click()
    expect(page.get_by_test_id("issued-link").locator("svg")).to_be_visible()
    screenshot("client-area-staff-issued")
    url = page.get_by_test_id("client-link-url").input_value()

    # The client's phone: a separate browser with no staff session.
    phone_context = browser.new_context(**PHONE)
    phone = phone_context.new_page()
    origin = urlsplit(live_server.url).netloc
    elsewhere = []
    phone.on(
        "request",
        lambda request: urlsplit(request.url).netloc != origin and elsewhere.append(request.url),
    )

    def check(label: str) -> None:
        _axe(phone, label)
        phone.screenshot(path=str(screenshot_dir() / f"client-area-{label}.png"), full_page=True)

    phone.goto(url)
    expect(phone.get_by_role("heading", name="Check it is you")).to_be_visible()
    check("date-of-birth")
    phone.get_by_label("Day").fill("7")
    phone.get_by_label("Month").fill("3")
    phone.get_by_label("Year").fill("1990")
    phone.get_by_role("button", name="Continue").click()
    expect(phone.get_by_role("heading", name="Hello Robin")).to_be_visible()
    check("home")

    phone.get_by_role("navigation", name="Your pages").get_by_role(
        "link", name="Questionnaires"
    ).click()
    check("questionnaires")
    phone.get_by_role("link", name="PHQ-9").click()
    for number in range(1, 10):
        expect(phone.get_by_text(f"Question {number} of")).to_be_visible()
        if number == 1:
            check("question")
        phone.get_by_label(
            "More than half the days" if number == 9 else "Several days", exact=True
        ).check()
        phone.get_by_role("button", name="Next").click()
    # PHQ-9's last (unscored) question on difficulty, when the instrument asks it.
    while phone.get_by_role("button", name="Next").count():
        phone.locator("input[type=radio]").first.check()
        phone.get_by_role("button", name="Next").click()
    expect(phone.get_by_text("Check your answers")).to_be_visible()
    check("review")
    phone.get_by_role("button", name="Send to my therapist").click()

    crisis = phone.get_by_test_id("crisis")
    expect(crisis).to_be_visible()
    expect(crisis).to_contain_text("0800 000 0000")
    expect(crisis).to_contain_text("not watched around the clock")
    check("crisis")
    assert elsewhere == [], f"Client pages loaded from another origin: {elsewhere}"
    phone_context.close()

    # The staff email: queued by the client's request, sent by the worker, no clinical content.
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    (message,) = mail.outbox
    assert message.to == ["tess@example.org"]
    assert "Robin" not in message.body and "PHQ" not in message.body

    # The therapist: the flag on the caseload, the answers on the session page.
    page.goto(f"{live_server.url}{reverse('cases:caseload')}")
    expect(page.get_by_test_id("risk-tag")).to_have_text("Risk: assess now")
    screenshot("client-area-staff-caseload-flag")
    page.goto(f"{live_server.url}{reverse('sessions:edit', args=[session.pk])}")
    answers = page.get_by_test_id("client-answers")
    expect(answers).to_contain_text("Completed by the client")
    expect(answers).to_contain_text("More than half the days")
    screenshot("client-area-staff-session-answers")
    page.goto(f"{live_server.url}{reverse('cases:course_detail', args=[course.pk])}")
    expect(page.get_by_test_id("client-link-panel")).to_contain_text("PHQ-9")
    expect(page.get_by_test_id("risk-banner")).to_be_visible()
    screenshot("client-area-staff-link-panel")


def screenshot_dir():
    from tests.browser.conftest import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def _axe(page, label: str) -> None:
    from tests.browser.conftest import AXE_SOURCE

    page.evaluate(AXE_SOURCE.read_text())
    violations = page.evaluate(
        """async () => {
            const result = await axe.run(document, {
                runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
            });
            return result.violations.map(v => ({id: v.id, help: v.help,
                targets: v.nodes.slice(0, 5).map(n => n.target.join(" "))}));
        }"""
    )
    assert violations == [], f"Accessibility violations on the client's {label} page: {violations}"


def test_the_pages_that_refuse_or_time_out_are_accessible_and_say_nothing(
    browser, live_server, course, settings
):
    from client_area.tokens import new_token

    phone = browser.new_context(**PHONE).new_page()
    phone.goto(f"{live_server.url}{reverse('client_area:start', args=[new_token()])}")
    expect(phone.get_by_role("heading", name="This link is not working")).to_be_visible()
    _axe(phone, "neutral")
    phone.screenshot(path=str(screenshot_dir() / "client-area-neutral.png"), full_page=True)
    assert course.client.family_name not in phone.content()

    # A verified phone left idle: the pages close and say nothing about the client.
    from tests.client_area.links import link_for

    _, token = link_for(course)
    phone.goto(f"{live_server.url}{reverse('client_area:start', args=[token])}")
    dob = course.client.date_of_birth
    phone.get_by_label("Day").fill(str(dob.day))
    phone.get_by_label("Month").fill(str(dob.month))
    phone.get_by_label("Year").fill(str(dob.year))
    phone.get_by_role("button", name="Continue").click()
    expect(phone.get_by_role("heading", name=f"Hello {course.client.given_name}")).to_be_visible()
    settings.CLIENT_IDLE_SECONDS = -1
    phone.reload()
    expect(phone.get_by_role("heading", name="Closed for your privacy")).to_be_visible()
    _axe(phone, "timed out")
    assert course.client.family_name not in phone.content()
