"""The supervisor's week on the demo data, as the issue describes it, in Chromium.

As the demo supervisor: see the risk and not-on-track courses, filter by a flag, open a course's
fidelity page, co-sign one trainee note and return another; then, as the trainee, find the
returned note with its comment, revise it and sign it again.
"""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from accounts.models import User
from sessions.models import NoteStatus, Session

pytestmark = pytest.mark.django_db(transaction=True)

RETURN_COMMENT = "Record what Aisha said to her partner, in her words, before signing again."


@pytest.fixture
def demo(settings):
    settings.DEBUG = True  # seed_demo refuses to run otherwise
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.DEBUG = False
    return {user.username: user for user in User.objects.all()}


def _note(record_number: str) -> Session:
    return Session.objects.get(
        course__client__record_number=record_number,
        status=NoteStatus.SIGNED,
        signed_by__username="therapist2",
    )


def test_the_supervisor_reviews_the_demo_caseload_and_the_trainee_revises(
    demo, sign_in, settings, live_server, screenshot, assert_accessible
):
    to_cosign, to_return = _note("DEMO-2002"), _note("DEMO-2003")

    page = sign_in(demo["supervisor"], settings.DEMO_PASSWORD)
    page.on("dialog", lambda dialog: dialog.accept())
    expect(page.get_by_role("heading", name="Supervision", exact=True)).to_be_visible()
    risk_row = page.locator("tr", has_text="DEMO-1001")
    expect(risk_row).to_contain_text("Assess now")
    expect(page.locator("tr", has_text="DEMO-1002")).to_contain_text("Not on track")
    screenshot("supervision-demo-dashboard")
    assert_accessible("supervisor dashboard")

    # Filter by a flag: the table updates in place and the filter is in the URL.
    page.get_by_label("Flag", exact=True).select_option(label="Not on track")
    expect(page).to_have_url(re.compile(r"flag=not_on_track"))
    rows = page.locator("#dashboard-results tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("DEMO-1002")

    # The course's fidelity page, from its row.
    page.get_by_role("link", name="Fidelity review for Daniel Osei").click()
    expect(page.get_by_role("heading", name="IPT fidelity")).to_be_visible()
    expect(page.get_by_role("heading", name="The IPT structure in the records")).to_be_visible()
    assert_accessible("fidelity page")

    # Co-sign Robert's note from the dashboard's list, return Aisha's.
    page.goto(live_server.url + "/supervision/")
    awaiting = page.get_by_test_id("awaiting-cosignature")
    awaiting.get_by_role("link", name="Robert Kowalski, session 9").click()
    page.get_by_role("region", name="Supervisor review").get_by_role(
        "button", name="Co-sign the note"
    ).click()
    expect(page.get_by_text("Note co-signed. It is now final.")).to_be_visible()

    page.goto(live_server.url + "/supervision/")
    page.get_by_test_id("awaiting-cosignature").get_by_role(
        "link", name="Aisha Rahman, session 11"
    ).click()
    page.get_by_label("What needs revising").fill(RETURN_COMMENT)
    page.get_by_role("button", name="Return for revision").click()
    expect(page.get_by_text("Note returned for revision.")).to_be_visible()
    assert Session.objects.get(pk=to_cosign.pk).status == NoteStatus.COSIGNED
    assert Session.objects.get(pk=to_return.pk).status == NoteStatus.RETURNED
    page.get_by_role("button", name="Sign out").click()

    # The trainee sees the returned note with the comment, revises and signs it again.
    sign_in(demo["therapist2"], settings.DEMO_PASSWORD)
    returned = page.get_by_role("region", name="Notes returned to you for revision")
    returned.get_by_role("link", name=re.compile("Aisha Rahman")).click()
    expect(page.get_by_test_id("return-notice")).to_contain_text(RETURN_COMMENT)
    page.get_by_label("What happened in the session").fill(
        "Aisha practised telling her partner: 'I need you to take the night feed on Fridays.' "
        "He agreed; she felt relieved and a little guilty."
    )
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Draft saved.")).to_be_visible()
    page.get_by_role("button", name="Sign the note").click()
    expect(page.get_by_text("It now awaits your supervisor's co-signature.")).to_be_visible()
    revised = Session.objects.get(pk=to_return.pk)
    assert revised.status == NoteStatus.SIGNED and revised.awaiting_cosignature
    assert "night feed" in revised.note
