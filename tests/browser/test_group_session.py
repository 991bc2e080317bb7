"""Must hold (issue 19): a group session for six members run on one page in Chromium; each
member's course shows it; member A's record (page and PDF) never shows member B's entry."""

import subprocess

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from groups.models import Membership
from sessions.models import NoteStatus, Session
from tests.browser.conftest import ARTIFACTS
from tests.groups.group_factories import make_group

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_runs_a_group_session_for_six_members_and_keeps_each_record_to_its_member(
    therapist, sign_in, live_server, screenshot
):
    group = make_group(lead=therapist, members=6)
    members = list(Membership.objects.of_group(group))
    a, b = members[0], members[1]
    b_client = b.course.client
    page = sign_in(therapist)
    page.goto(f"{live_server.url}{reverse('groups:session', args=[group.pk, 1])}")
    expect(page.get_by_role("heading", name="Group session 1")).to_be_visible()

    page.get_by_label("Theme of the session").fill("Naming our problem areas")
    page.get_by_label("Group process").fill(
        f"{a.course.client.given_name} encouraged {b_client.given_name} {b_client.family_name}."
    )
    for m in members:
        part = page.get_by_test_id(f"member-{m.pk}")
        name = m.course.client.given_name
        part.get_by_label("Attendance").select_option("attended")
        part.get_by_label("Short note").fill(f"Private note of {name}")
        part.get_by_label("Work on their problem area").fill(f"Area work of {name}")
        part.get_by_label("Their task for next week").fill(f"Task of {name}")
        part.get_by_label("Suicidal thoughts asked about").select_option("yes")
        part.get_by_label("Risk level").select_option("none")
    # One member completes the PHQ-9 inline.
    first = page.get_by_test_id(f"member-{a.pk}")
    first.get_by_text("Answer the PHQ-9 items").click()
    grid = first.get_by_test_id(f"grid-m{a.pk}-phq9")
    for item in range(1, 10):
        grid.locator(f'input[name="m{a.pk}-q-phq9-{item}"][value="1"]').check()
    page.get_by_role("button", name="(group and every member)").click()
    expect(page.get_by_test_id("group-signed")).to_be_visible()
    screenshot("group-session-signed")

    signed = Session.objects.filter(course__group_membership__group=group, planned_week=2)
    assert signed.count() == 6
    assert {s.status for s in signed} == {NoteStatus.SIGNED}
    assert a.course.questionnaires.filter(instrument="phq9").exists()

    for m in members:
        page.goto(f"{live_server.url}{reverse('cases:course_detail', args=[m.course_id])}")
        panel = page.get_by_test_id("course-group-panel")
        expect(panel).to_contain_text(f"Private note of {m.course.client.given_name}")
        expect(panel).to_contain_text("Naming our problem areas")

    page.goto(f"{live_server.url}{reverse('cases:course_detail', args=[a.course_id])}")
    screenshot("group-member-course")
    html = page.content()
    for other in members[1:]:
        assert f"Private note of {other.course.client.given_name}" not in html
        assert f"Area work of {other.course.client.given_name}" not in html
    assert b_client.family_name not in html
    assert f"encouraged {b_client.given_name}." in html

    response = page.request.get(
        f"{live_server.url}{reverse('groups:member_pdf', args=[a.course_id])}"
    )
    assert response.status == 200
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = ARTIFACTS / "group-member-record.pdf"
    pdf.write_bytes(response.body())
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = " ".join(text.split())
    assert f"Private note of {a.course.client.given_name}" in text
    for other in members[1:]:
        assert f"Private note of {other.course.client.given_name}" not in text
        assert f"Area work of {other.course.client.given_name}" not in text
    assert b_client.family_name not in text
