"""Start a group in Chromium from the groups list, then record a member leaving, by keyboard
and mouse as a facilitator would."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from groups.models import Membership, TherapyGroup
from tests import factories
from tests.groups.group_factories import make_facilitator

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_starts_a_group_from_the_list_and_records_a_member_leaving(
    therapist, supervisor, sign_in, live_server
):
    make_facilitator(supervisor=supervisor, first_name="Lena", last_name="Brooks")
    for i in range(6):
        factories.make_client(registered_by=therapist, given_name=f"Member{i}")
    page = sign_in(therapist)
    page.goto(f"{live_server.url}{reverse('groups:list')}")
    page.get_by_role("link", name="Start a group").click()
    page.get_by_label("Group name").fill("Monday morning group")
    page.get_by_label("Co-facilitator").select_option(
        label="Lena Brooks (non-specialist facilitator)"
    )
    first = timezone.localdate() + datetime.timedelta(days=10)
    page.get_by_label("Date of the first group session").fill(first.isoformat())
    page.get_by_label("Time of the sessions").fill("10:30")
    for i in range(6):
        page.get_by_label(f"Member{i}", exact=False).check()
    page.get_by_role("button", name="Start the group").click()
    expect(page.get_by_role("heading", name="Monday morning group")).to_be_visible()
    group = TherapyGroup.objects.get(name="Monday morning group")
    assert group.memberships.count() == 6 and group.co_facilitator.last_name == "Brooks"

    member = Membership.objects.of_group(group).first()
    row = page.get_by_test_id("member-leave").first
    open_details(row)
    row.get_by_label(f"Why {member.first_name} is leaving").fill("Moved away")
    row.get_by_role("button", name=f"Record that {member.first_name} left").click()
    expect(page.get_by_text("Moved away")).to_be_visible()
    member.refresh_from_db()
    assert member.has_left and member.leave_reason == "Moved away"


def open_details(details) -> None:
    """Click a ``<details>`` open as a user would, clicking again only if it is still shut: in
    one CI run a click on the summary of a page just loaded left it shut (never seen locally)."""
    for _ in range(3):
        details.locator("summary").click()
        try:
            expect(details).to_have_attribute("open", "", timeout=5000)
            return
        except AssertionError:
            if details.evaluate("element => element.open"):
                return
    raise AssertionError("The details element would not open.")
