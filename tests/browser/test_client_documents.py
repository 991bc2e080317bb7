"""The course page's "For the client" box downloads each client document, and the note's
technique guidance opens from the keyboard."""

import subprocess

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.client_documents import course_with_clinical_record

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_downloads_every_client_document_from_the_course_page(
    sign_in, live_server, therapist, supervisor, screenshot, assert_accessible, tmp_path
):
    course = course_with_clinical_record(therapist, supervisor)
    page = sign_in(therapist)
    page.goto(f"{live_server.url}/courses/{course.pk}/")
    box = page.get_by_role("region", name="For the client")
    expect(box).to_be_visible()
    screenshot("client-documents-01-course-page")
    assert_accessible("course page with the For the client box")
    for link_name, expected in (
        ("About your sessions", "Depression is an illness"),
        ("What we will work on together", "A disagreement with someone important to you"),
        ("Diary sheet for between sessions", "What I would like to say"),
        ("My plan for staying well", "Signs that I may be getting unwell again"),
    ):
        with page.expect_download() as download_info:
            box.get_by_role("link", name=link_name).click()
        pdf = tmp_path / download_info.value.suggested_filename
        download_info.value.save_as(pdf)
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Robin Ashby" in text, link_name
        assert expected in " ".join(text.split()), link_name


def test_it_opens_a_technique_s_guidance_from_the_keyboard(
    sign_in, live_server, therapist, screenshot, assert_accessible
):
    course = factories.make_course(therapist=therapist)
    session = factories.make_session(course)
    page = sign_in(therapist)
    page.goto(f"{live_server.url}/sessions/{session.pk}/edit/")
    summary = page.get_by_text("About role play", exact=False)
    guide = page.locator("details[data-technique=role_play]")
    expect(guide.get_by_text("What it is for")).to_be_hidden()
    page.get_by_role("checkbox", name="Role play").focus()
    page.keyboard.press("Tab")
    expect(summary).to_be_focused()
    page.keyboard.press("Enter")
    expect(guide.get_by_text("Rehearse a hard conversation")).to_be_visible()
    expect(guide.get_by_text("Watch out for")).to_be_visible()
    screenshot("client-documents-02-technique-guidance")
    assert_accessible("note with a technique's guidance open")
