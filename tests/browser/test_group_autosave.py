"""The group-session page saves itself as the facilitator types: text survives a reload, a
high risk rating shows its flag at once, and a second tab's stale page is shown a conflict."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from groups.models import GroupSession, Membership
from measures.models import RiskFlag
from tests.browser.conftest import ARTIFACTS, AXE_SOURCE
from tests.groups.group_factories import make_group

pytestmark = pytest.mark.django_db(transaction=True)


def _assert_accessible(page) -> None:
    page.evaluate(AXE_SOURCE.read_text())
    violations = page.evaluate(
        """async () => (await axe.run(document, {runOnly: {type: "tag",
            values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})).violations.map(v => v.id)"""
    )
    assert violations == [], violations


def _open(page, live_server, group):
    page.goto(f"{live_server.url}{reverse('groups:session', args=[group.pk, 1])}")
    expect(page.get_by_role("heading", name="Group session 1")).to_be_visible()


def test_it_keeps_what_was_typed_across_a_reload_and_flags_risk_at_once(
    therapist, sign_in, live_server, screenshot
):
    group = make_group(lead=therapist, members=6)
    members = list(Membership.objects.of_group(group))
    a, c = members[0], members[2]
    page = sign_in(therapist)
    _open(page, live_server, group)
    status = page.get_by_test_id("autosave-status")

    page.get_by_label("Theme of the session").press_sequentially("Role disputes at home")
    expect(status).to_contain_text("Draft saved at")
    part = page.get_by_test_id(f"member-{a.pk}")
    part.get_by_label("Short note").press_sequentially("Quieter than last week")
    part.get_by_label("Their task for next week").press_sequentially("Call her sister")
    expect(status).to_contain_text("Draft saved at")
    at_risk = page.get_by_test_id(f"member-{c.pk}")
    at_risk.get_by_label("Risk level").select_option("high")
    expect(at_risk.get_by_test_id("member-risk")).to_contain_text("high")
    assert RiskFlag.objects.open().filter(course=c.course).exists()
    screenshot("group-autosave-typed")
    _assert_accessible(page)

    page.reload()
    expect(page.get_by_label("Theme of the session")).to_have_value("Role disputes at home")
    part = page.get_by_test_id(f"member-{a.pk}")
    expect(part.get_by_label("Short note")).to_have_value("Quieter than last week")
    expect(part.get_by_label("Their task for next week")).to_have_value("Call her sister")
    expect(page.get_by_test_id(f"member-{c.pk}").get_by_label("Risk level")).to_have_value("high")
    expect(page.get_by_test_id("sign-gaps")).to_contain_text("high risk rated for")


def test_it_shows_a_second_tab_a_conflict_and_keeps_its_text(therapist, sign_in, live_server):
    group = make_group(lead=therapist, members=5)
    a = Membership.objects.of_group(group).first()
    first = sign_in(therapist)
    _open(first, live_server, group)
    second = first.context.new_page()
    _open(second, live_server, group)

    first.get_by_test_id(f"member-{a.pk}").get_by_label("Short note").press_sequentially(
        "Written in the first tab"
    )
    expect(first.get_by_test_id("autosave-status")).to_contain_text("Draft saved at")

    second.get_by_label("Theme of the session").press_sequentially("Typed in the second tab")
    conflict = second.get_by_test_id("autosave-conflict")
    expect(conflict).to_be_visible()
    expect(conflict).to_contain_text("Written in the first tab")
    expect(conflict).to_contain_text("Typed in the second tab")
    expect(second.get_by_label("Theme of the session")).to_have_value("Typed in the second tab")
    ARTIFACTS.mkdir(exist_ok=True)
    second.screenshot(path=str(ARTIFACTS / "group-autosave-conflict.png"), full_page=True)
    _assert_accessible(second)

    gs = GroupSession.objects.get(group=group, number=1)
    assert gs.theme == ""  # the stale tab wrote nothing
    session = a.course.sessions.get(planned_week=2)
    assert session.note == "Written in the first tab"

    # Keeping the second tab's version is a deliberate choice.
    second.get_by_role("button", name="Keep mine: replace the saved version").click()
    second.wait_for_load_state()
    expect(second.get_by_label("Theme of the session")).to_have_value("Typed in the second tab")
    gs.refresh_from_db()
    assert gs.theme == "Typed in the second tab"
