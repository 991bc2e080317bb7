"""Focal-area work in Chromium (issue 17, point 1): for each of the four areas, a middle
session's structured section is filled on the session page, the person it was about is chosen
from the inventory, the note is signed, and the signed note reads back what was typed."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from sessions.models import FocalAreaWork, NoteStatus, Session
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

# Per area: the person the work was about, and (label, typed) for each prompt. A tuple value
# is a choice: (value posted, text shown).
AREAS = {
    "grief": (
        "Frank",
        {
            "The story of the death and the relationship": "Died in March; she missed the end.",
            "Good memories of the person": "Sunday walks by the canal.",
            "Hard memories: disappointments, anger, guilt": "His drinking when she was small.",
            "Feelings shown or spoken in the session": "Tears, then anger at the hospital.",
            "New attachments and activities": "Back at the choir on Tuesday.",
        },
    ),
    "role_dispute": (
        "Sam",
        {
            "Dispute with": "Sam",
            "Stage of the dispute": ("impasse", "Impasse"),
            "The client's expectations": "That he shares the night feeds.",
            "The other person's expectations": "That the house runs as before.",
            "Options considered": "Alternate nights; ask his mother.",
            "What the client decided": "Negotiate: raise alternate nights on Sunday.",
            "A change in communication tried": "Asked plainly instead of sighing.",
        },
    ),
    "role_transition": (
        "Rita",
        {
            "The old role: what was lost": "Colleagues and a reason to get up.",
            "The old role: what is not missed": "Night shifts and the commute.",
            "The new role: demands and advantages": "Unshaped days; time with grandchildren.",
            "Skills and supports needed": "A volunteering post; his brother nearby.",
        },
    ),
    "interpersonal_deficits": (
        "Dev",
        {
            "Past relationships: the pattern": "Friendships fade when he stops replying.",
            "Isolation now": "No one outside work at weekends.",
            "A new contact attempted, and what happened": "Messaged Dev; coffee on Saturday.",
            "What happened between client and therapist": "Expected me to be bored; we named it.",
            "Next social-practice step": "Chess club on Thursday.",
        },
    ),
}


def _middle_draft(therapist, area: str, person_name: str):
    course = factories.make_course(
        therapist=therapist, start_date=timezone.localdate() - datetime.timedelta(weeks=5)
    )
    factories.make_formulation(course, primary_area=area)
    factories.make_person(course, name=person_name)
    factories.make_person(course, name="Someone not involved")
    for _ in range(4):
        factories.make_session(course, note="x", status=NoteStatus.SIGNED)
    return factories.make_session(course)


@pytest.mark.parametrize("area", list(AREAS))
def test_it_fills_a_middle_sessions_focal_section_signs_it_and_reads_it_back(
    sign_in, therapist, live_server, screenshot, assert_accessible, area
):
    person_name, prompts = AREAS[area]
    draft = _middle_draft(therapist, area, person_name)
    page = sign_in(therapist)
    page.goto(f"{live_server.url}{reverse('sessions:edit', args=[draft.pk])}")

    section = page.locator("fieldset.focal")
    expect(section).to_have_count(1)  # only the course's chosen area
    expect(section.locator("legend").first).to_contain_text("Primary")
    for label, typed in prompts.items():
        field = section.get_by_label(label, exact=True)
        if isinstance(typed, tuple):
            field.select_option(typed[0])
        else:
            field.fill(typed)
    # Inventory people are offered as "name (relationship)".
    section.get_by_label(f"{person_name} (friend)", exact=True).check()
    page.get_by_label("What happened in the session").fill("Worked on the focal area.")
    expect(page.get_by_test_id("autosave-status")).to_contain_text(re.compile(r"saved at"))
    screenshot(f"focal-{area}-filled")
    assert_accessible(f"session page, {area} section filled")

    page.get_by_label(re.compile("I have checked this note")).check()
    page.get_by_role("button", name="Sign the note").click()
    expect(page.get_by_text("Note signed.")).to_be_visible()
    page.goto(f"{live_server.url}{reverse('sessions:detail', args=[draft.pk])}")
    note = page.locator("main")
    heading = FocalAreaWork(area=area).get_area_display()
    expect(note.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    for typed in prompts.values():
        expect(note).to_contain_text(typed[1] if isinstance(typed, tuple) else typed)
    people = note.locator(
        "xpath=//dt[normalize-space()='People involved']/following-sibling::dd[1]"
    )
    expect(people).to_have_text(person_name)
    expect(note).not_to_contain_text("Someone not involved")
    screenshot(f"focal-{area}-signed")

    saved = Session.objects.get(pk=draft.pk)
    assert saved.status == NoteStatus.SIGNED
    work = FocalAreaWork.objects.get(session=saved)
    assert work.area == area
    assert [p.name for p in work.people.all()] == [person_name]
