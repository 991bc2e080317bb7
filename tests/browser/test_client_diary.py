"""The client writes in their diary on a phone; the therapist then sees it on the session page
and turns it into a communication analysis. Every client page passes axe-core and loads
nothing from another origin."""

import re
from urllib.parse import urlparse

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from client_area.diary_models import DiaryPerson
from measures.models import SafetyPlan
from sessions.models import CommunicationAnalysis, NoteStatus, RelapsePreventionPlan
from tests import factories
from tests.client_area.links import link_for, start_url

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def prepared(course):
    factories.make_session(
        course, status=NoteStatus.SIGNED, note="Seen.", next_task="Ask Maria to help with the move"
    )
    draft = factories.make_session(course)
    maria = factories.make_person(course, name="Maria Lopez")
    DiaryPerson.objects.create(course=course, person=maria, updated_by=course.therapist)
    factories.make_formulation(
        course, plain_words="Since the move you have felt alone.", shared_on=timezone.localdate()
    )
    SafetyPlan.objects.create(
        course=course, help_contacts="My brother, 07000 000000", updated_by=course.therapist
    )
    RelapsePreventionPlan.objects.create(course=course, what_to_do="Call a friend the same day")
    return draft


def test_it_carries_a_diary_entry_from_the_phone_to_a_communication_analysis(
    browser, live_server, course, prepared, sign_in, assert_accessible, screenshot
):
    link, token = link_for(course)
    phone_context = browser.new_context(viewport=PHONE, is_mobile=True)
    phone = phone_context.new_page()
    origins = set()
    phone.on("request", lambda request: origins.add(urlparse(request.url).netloc))

    phone.goto(f"{live_server.url}{start_url(token)}")
    dob = course.client.date_of_birth
    phone.get_by_label("Day").fill(str(dob.day))
    phone.get_by_label("Month").fill(str(dob.month))
    phone.get_by_label("Year").fill(str(dob.year))
    phone.get_by_role("button", name="Continue").click()
    phone.get_by_role("link", name="My diary").click()
    expect(phone.get_by_text("Ask Maria to help with the move")).to_be_visible()
    phone.get_by_label("I tried it").check()
    phone.get_by_label("How did it go?").fill("She said yes straight away.")
    phone.get_by_role("button", name="Save", exact=True).click()
    expect(phone.get_by_text("She said yes straight away.")).to_be_visible()

    phone.get_by_label("Who was it with?").select_option(label="Maria")
    phone.get_by_label("What happened?").fill("Maria forgot my birthday.")
    phone.get_by_label("What did you feel?").fill("Forgotten.")
    phone.get_by_label("What did you say, or not say?").fill("I said it did not matter.")
    phone.get_by_label("What do you wish you had said?").fill("It mattered to me.")
    phone.get_by_label("How was your mood?").fill("3")
    phone.get_by_role("button", name="Save my entry").click()
    expect(phone.get_by_role("status")).to_be_visible()
    expect(phone.get_by_text("with Maria")).to_be_visible()
    assert_accessible_on(phone, "diary")
    page_shot(phone, "client-diary-phone")

    phone.get_by_role("link", name="Read in full or add a correction").first.click()
    expect(phone.get_by_role("heading", name="Add a correction")).to_be_visible()
    assert_accessible_on(phone, "diary entry")
    page_shot(phone, "client-diary-entry-phone")

    phone.get_by_role("link", name="My plans").click()
    expect(phone.get_by_text("Since the move you have felt alone.")).to_be_visible()
    expect(phone.get_by_text("My brother, 07000 000000")).to_be_visible()
    expect(phone.get_by_text("Call a friend the same day")).to_be_visible()
    assert_accessible_on(phone, "plans")
    page_shot(phone, "client-plans-phone")
    assert origins == {urlparse(live_server.url).netloc}
    phone_context.close()

    page = sign_in(course.therapist)
    page.goto(f"{live_server.url}/sessions/{prepared.pk}/edit/")
    panel = page.get_by_test_id("client-diary")
    expect(panel.get_by_text("Maria forgot my birthday.")).to_be_visible()
    panel.scroll_into_view_if_needed()
    screenshot("staff-session-page-with-diary")
    panel.get_by_role("button", name="Turn into a communication analysis").click()
    page.wait_for_url(re.compile(r"/records/communication/"))
    assert "Maria forgot my birthday." in page.get_by_label("Scene").input_value()
    analysis = CommunicationAnalysis.objects.get(session=prepared)
    assert analysis.exchange == "I said it did not matter."


def assert_accessible_on(phone, label: str) -> None:
    from tests.browser.conftest import AXE_SOURCE

    phone.evaluate(AXE_SOURCE.read_text())
    violations = phone.evaluate(
        """async () => {
            const result = await axe.run(document, {
                runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
            });
            return result.violations.map(v => ({id: v.id, targets: v.nodes.map(n => n.target)}));
        }"""
    )
    assert violations == [], f"Accessibility violations on the client's {label} page: {violations}"


def page_shot(phone, name: str) -> None:
    from tests.browser.conftest import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
