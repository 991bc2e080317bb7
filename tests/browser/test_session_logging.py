"""A therapist records sessions in Chromium: initial, middle, signing, addenda, two tabs."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from sessions.models import Attendance, NoteStatus, Session
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def _course(therapist, **fields):
    fields.setdefault("start_date", timezone.localdate() - datetime.timedelta(weeks=8))
    return factories.make_course(therapist=therapist, **fields)


def _planned(course, week):
    when = timezone.make_aware(
        datetime.datetime.combine(
            course.start_date + datetime.timedelta(weeks=week), datetime.time(9, 0)
        )
    )
    return factories.make_session(
        course, attendance=Attendance.SCHEDULED, scheduled_for=when, planned_week=week + 1
    )


def _url(live_server, name, *args):
    return f"{live_server.url}{reverse(name, args=args)}"


def _wait_saved(page):
    expect(page.get_by_test_id("autosave-status")).to_contain_text(
        re.compile(r"saved at \d\d:\d\d")
    )


def test_it_logs_session_one_and_a_middle_session_signs_and_adds_an_addendum(
    sign_in, therapist, live_server, screenshot, assert_accessible
):
    course = _course(therapist)
    factories.make_person(course, name="Maria", relationship="sibling")
    first = _planned(course, 0)
    page = sign_in(therapist)
    page.on("dialog", lambda dialog: dialog.accept())

    # Record the appointment, then the note of session 1.
    page.goto(_url(live_server, "sessions:attendance", first.pk))
    expect(page.get_by_role("heading", level=1)).to_have_text("Record the appointment")
    screenshot("session-attendance")
    assert_accessible("attendance form")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Session 1")
    expect(page.get_by_label("What happened in the session")).to_be_visible()
    page.get_by_label("Diagnosis given and explained").check()
    page.get_by_label("Psychoeducation: depression as a treatable illness").check()
    page.get_by_label("Sick role explained and agreed").check()
    page.get_by_label("Yes, asked directly").check()
    page.get_by_label("Risk level").select_option("none")
    page.get_by_label("Rating (0 = worst, 10 = best)").fill("3")
    page.get_by_label("Maria (sibling)").check()
    page.get_by_label("The task").fill("Tell Maria how the week has been.")
    page.get_by_label("With whom").fill("Maria")
    page.get_by_label("What happened in the session").fill(
        "Diagnosis explained; she was relieved it has a name."
    )
    _wait_saved(page)
    screenshot("session-note-initial")
    assert_accessible("note form, initial phase")
    saved = Session.objects.get(pk=first.pk)
    assert saved.diagnosis_given and saved.sick_role_explained and saved.risk_asked
    assert saved.next_task.startswith("Tell Maria")

    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Session 1")
    page.get_by_role("button", name="Sign the note").click()
    expect(page.get_by_text("Note signed.")).to_be_visible()
    screenshot("session-detail-signed")
    assert_accessible("signed note")
    assert Session.objects.get(pk=first.pk).status == NoteStatus.SIGNED

    # The course page lists it.
    page.goto(_url(live_server, "cases:course_detail", course.pk))
    expect(page.get_by_test_id("sessions-table")).to_contain_text("Session 1")
    expect(page.get_by_test_id("sessions-table")).to_contain_text("Signed")
    screenshot("session-course-page")
    assert_accessible("course page with sessions")

    # A signed note cannot be edited, even by typing the address.
    page.goto(_url(live_server, "sessions:edit", first.pk))
    expect(page.get_by_test_id("refusal")).to_contain_text("signed and can no longer change")
    screenshot("session-edit-refused")
    page.get_by_role("link", name="Open the session note").click()
    page.get_by_role("textbox", name="Addendum").fill("Correction: Maria is her younger sister.")
    page.get_by_role("button", name="Add addendum").click()
    expect(page.get_by_text("Correction: Maria is her younger sister.")).to_be_visible()

    # A middle-phase session: communication analysis and role play.
    for _ in range(2):
        factories.make_session(course, next_task="x", note="x")
    middle = factories.make_session(course)
    assert middle.number == 4
    page.goto(_url(live_server, "sessions:edit", middle.pk))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Middle phase")
    page.get_by_text("Add a communication analysis").click()
    section = page.locator("#communication")
    section.get_by_label("Scene").fill("Kitchen on Sunday evening, both tired.")
    section.get_by_label("The exchange").fill("She: 'You never help.' He: 'Here we go again.'")
    section.get_by_label("What the client meant").fill("I am exhausted and need you.")
    section.get_by_label("The alternatives were role-played").check()
    section.get_by_role("button", name="Add to the note").click()
    expect(page.get_by_test_id("communication-record")).to_contain_text("Kitchen on Sunday")
    page.get_by_text("Add a role play").click()
    roleplay = page.locator("#roleplay")
    roleplay.get_by_label("What was rehearsed").fill("Asking him to take the night feed.")
    roleplay.get_by_label("The other person played").fill("Husband")
    roleplay.get_by_role("button", name="Add to the note").click()
    expect(page.get_by_test_id("roleplay-record")).to_contain_text("night feed")
    page.get_by_role("link", name="Correct role play 1").click()
    page.get_by_label("The other person played").fill("Husband (Dan)")
    screenshot("session-record-correct")
    assert_accessible("record correction form")
    page.get_by_role("button", name="Save the correction").click()
    expect(page.get_by_test_id("roleplay-record")).to_contain_text("Husband (Dan)")
    page.get_by_label("What happened in the session").fill("Worked the Sunday argument in detail.")
    _wait_saved(page)
    screenshot("session-note-middle")
    assert_accessible("note form, middle phase")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("heading", name="Communication analysis")).to_be_visible()
    expect(page.get_by_role("heading", name="Role play")).to_be_visible()
    screenshot("session-detail-middle")


def test_two_tabs_on_one_draft_get_a_conflict_not_a_silent_overwrite(
    sign_in, therapist, live_server, screenshot, page
):
    course = _course(therapist)
    draft = factories.make_session(course)
    first_tab = sign_in(therapist)
    second_tab = page.context.new_page()
    first_tab.goto(_url(live_server, "sessions:edit", draft.pk))
    second_tab.goto(_url(live_server, "sessions:edit", draft.pk))

    first_tab.get_by_label("What happened in the session").fill("Written in the first tab.")
    _wait_saved(first_tab)
    second_tab.get_by_label("What happened in the session").fill("Written in the second tab.")
    status = second_tab.get_by_test_id("autosave-status")
    expect(status).to_contain_text("Saved elsewhere in the meantime")
    expect(status).to_contain_text("Written in the first tab.")
    expect(status).to_contain_text("Written in the second tab.")
    expect(second_tab.get_by_label("What happened in the session")).to_have_value(
        "Written in the second tab."
    )
    second_tab.screenshot(
        path=str(screenshot("session-conflict").with_name("session-conflict.png")), full_page=True
    )
    assert Session.objects.get(pk=draft.pk).note == "Written in the first tab."

    # Saving the whole form from the stale tab is refused the same way.
    second_tab.get_by_role("button", name="Save draft").click()
    expect(second_tab.get_by_text("Saved elsewhere in the meantime")).to_be_visible()
    expect(second_tab.get_by_label("What happened in the session")).to_have_value(
        "Written in the second tab."
    )
    second_tab.get_by_role("button", name="Keep mine: replace the saved version").click()
    expect(second_tab.get_by_text("Draft saved.")).to_be_visible()
    assert Session.objects.get(pk=draft.pk).note == "Written in the second tab."


def test_it_keeps_the_relapse_plan_on_the_course_across_termination_sessions(
    sign_in, therapist, live_server, screenshot, assert_accessible
):
    course = _course(
        therapist,
        planned_sessions=12,
        start_date=timezone.localdate() - datetime.timedelta(weeks=12),
    )
    for _ in range(9):
        factories.make_session(course, next_task="x", note="x", status=NoteStatus.SIGNED)
    tenth = factories.make_session(course)
    page = sign_in(therapist)
    page.goto(_url(live_server, "sessions:edit", tenth.pk))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Termination phase")
    page.get_by_label("Sessions remaining discussed with the client").check()
    page.get_by_label("Feelings about ending").fill("Sad to stop, and proud of what changed.")
    _wait_saved(page)
    plan = page.locator("#relapse")
    plan.get_by_label("Early warning signs").fill("Waking at 4am; cancelling plans.")
    plan.get_by_label("Who to contact").fill("GP; duty line.")
    plan.get_by_role("button", name="Save the plan").click()
    expect(plan.get_by_role("status")).to_contain_text("Saved")
    screenshot("session-note-termination")
    assert_accessible("note form, termination phase")
    assert course.relapse_plan.warning_signs == "Waking at 4am; cancelling plans."

    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("heading", name="Relapse-prevention plan")).to_be_visible()
    screenshot("session-detail-termination")


def test_a_missed_appointment_asks_for_follow_up(
    sign_in, therapist, live_server, screenshot, assert_accessible
):
    course = _course(therapist)
    planned = _planned(course, 0)
    page = sign_in(therapist)
    # Recorded in place on the session page (issue 16).
    page.goto(_url(live_server, "sessions:edit", planned.pk))
    page.get_by_label("Did not attend").check()
    page.get_by_role("button", name="Record attendance").click()
    expect(page.get_by_text("note what you will do to follow up")).to_be_visible()
    screenshot("session-attendance-error")
    assert_accessible("attendance form with an error")
    page.get_by_label("Follow-up action").fill("Phoned and offered Thursday.")
    page.get_by_role("button", name="Record attendance").click()
    expect(page.get_by_test_id("attendance-recorded")).to_contain_text("Did not attend")
    expect(page.get_by_text("Phoned and offered Thursday.").first).to_be_visible()
    screenshot("session-detail-dna")


def test_it_saves_before_leaving_instead_of_asking(sign_in, therapist, live_server):
    """Issue 16: a link followed within the autosave's second used to raise "Leave site?"
    and, once accepted, lose the sentence. Now the link saves first, and nothing is asked."""
    course = _course(therapist)
    draft = factories.make_session(course)
    page = sign_in(therapist)
    page.goto(_url(live_server, "sessions:edit", draft.pk))
    dialogs = []

    def leave(dialog):
        dialogs.append(dialog.type)
        dialog.accept()

    page.on("dialog", leave)
    page.get_by_label("What happened in the session").fill("Typed a moment ago")
    page.get_by_role("link", name=str(course.client)).first.click()
    expect(page).to_have_url(re.compile(rf"/courses/{course.pk}/$"))
    assert dialogs == []
    page.goto(_url(live_server, "sessions:edit", draft.pk))
    expect(page.get_by_label("What happened in the session")).to_have_value("Typed a moment ago")
