"""Issue 14 in Chromium: two tabs and the people involved (F4), a signed note keeps its plan
(F8), the access report shows who saw a client in a list (F5)."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from sessions import services
from sessions.models import NoteStatus, Session
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def _url(live_server, name, *args):
    return f"{live_server.url}{reverse(name, args=args)}"


def _wait_saved(page):
    expect(page.get_by_test_id("autosave-status")).to_contain_text(
        re.compile(r"saved at \d\d:\d\d")
    )


def test_a_stale_tab_ticking_other_people_gets_a_conflict_showing_them(
    sign_in, therapist, live_server, screenshot, page, assert_accessible
):
    course = factories.make_course(
        therapist=therapist, start_date=timezone.localdate() - datetime.timedelta(weeks=8)
    )
    factories.make_person(course, name="Maya (sister)")
    factories.make_person(course, name="Jon (partner)")
    draft = factories.make_session(course, note="Talked about the weekend.")
    first_tab = sign_in(therapist)
    second_tab = page.context.new_page()
    first_tab.goto(_url(live_server, "sessions:edit", draft.pk))
    second_tab.goto(_url(live_server, "sessions:edit", draft.pk))

    first_tab.get_by_label("Maya (sister)").check()
    _wait_saved(first_tab)
    second_tab.get_by_label("Jon (partner)").check()
    status = second_tab.get_by_test_id("autosave-status")
    expect(status).to_contain_text("Saved elsewhere in the meantime")
    row = status.get_by_role("row", name=re.compile("People involved"))
    expect(row).to_contain_text("Maya (sister)")
    expect(row).to_contain_text("Jon (partner)")
    assert_accessible("note form with a conflict on the people involved")
    second_tab.screenshot(path=str(screenshot("session-conflict-people")), full_page=True)
    people = Session.objects.get(pk=draft.pk).people_involved.values_list("name", flat=True)
    assert list(people) == ["Maya (sister)"]


def test_a_signed_termination_note_keeps_the_plan_it_was_signed_with(
    sign_in, therapist, live_server, screenshot, assert_accessible
):
    course = factories.make_course(
        therapist=therapist,
        planned_sessions=12,
        start_date=timezone.localdate() - datetime.timedelta(weeks=12),
    )
    for _ in range(9):
        factories.make_session(course, next_task="x", note="x", status=NoteStatus.SIGNED)
    tenth = factories.make_session(course, note="Reviewed the warning signs together.")
    eleventh = factories.make_session(course)
    services.save_course_plan(
        course,
        therapist,
        "relapse",
        {"warning_signs": "Waking at 4am; cancelling plans.", "who_to_contact": "GP"},
        expected_version=1,
    )
    services.sign_session(tenth, therapist)

    page = sign_in(therapist)
    page.goto(_url(live_server, "sessions:edit", eleventh.pk))
    plan = page.locator("#relapse")
    plan.get_by_label("Early warning signs").fill("Snapping at home; not sleeping.")
    plan.get_by_role("button", name="Save the plan").click()
    expect(plan.get_by_role("status")).to_contain_text("Saved")

    page.goto(_url(live_server, "sessions:detail", tenth.pk))
    section = page.locator("section", has=page.get_by_role("heading", name="Relapse-prevention"))
    expect(section).to_contain_text("as signed with this note")
    expect(section).to_contain_text("Waking at 4am; cancelling plans.")
    expect(section).not_to_contain_text("Snapping at home")
    expect(section).to_contain_text("changed since")
    assert_accessible("signed termination note after a later plan change")
    screenshot("signed-note-keeps-its-plan")


def test_the_access_report_lists_who_saw_the_client_in_a_list(
    sign_in, therapist, supervisor, service_admin, live_server, screenshot, assert_accessible
):
    course = factories.make_course(
        therapist=therapist,
        start_date=timezone.localdate() - datetime.timedelta(weeks=3),
        client=factories.make_client(given_name="Rosa", family_name="Marsh"),
    )
    factories.make_session(course, status=NoteStatus.SIGNED, note="x")
    page = sign_in(therapist)
    page.goto(f"{live_server.url}{reverse('cases:client_search')}?q=marsh")
    page.goto(_url(live_server, "cases:caseload"))
    page.context.clear_cookies()
    sign_in(supervisor)
    page.goto(_url(live_server, "supervision:dashboard"))
    page.context.clear_cookies()
    sign_in(service_admin)
    page.goto(_url(live_server, "audit:client_access", course.client_id))
    people = page.get_by_test_id("access-people")
    expect(people).to_contain_text("Tess")
    expect(people).to_contain_text("Sam")
    events = page.get_by_role("table").nth(1)
    expect(events).to_contain_text("Client search")
    expect(events).to_contain_text("Caseload")
    expect(events).to_contain_text("Supervisor’s dashboard")
    assert_accessible("access report")
    screenshot("access-report-list-reads")
