"""A supervisor co-signs one trainee note and returns another; the trainee revises and re-signs."""

import pytest
from playwright.sync_api import expect

from sessions.models import NoteStatus, Session
from supervision.models import NoteReview
from tests import factories
from tests.supervision.reviewing import make_trainee, signed_note

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_supervisor_cosigns_and_returns_and_the_trainee_revises(
    sign_in, supervisor, live_server, screenshot, assert_accessible
):
    trainee = make_trainee(supervisor, first_name="Tara", last_name="Trainee")
    course = factories.make_course(therapist=trainee)
    good = signed_note(trainee, course, text="Worked the argument with her sister in detail.")
    weak = signed_note(trainee, course, text="Talked about the week.")

    # The supervisor co-signs the first note.
    page = sign_in(supervisor)
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(live_server.url + good.get_absolute_url())
    panel = page.get_by_role("region", name="Supervisor review")
    expect(panel).to_contain_text("Tara Trainee signed this note")
    screenshot("supervision-review-panel")
    assert_accessible("note awaiting co-signature, as the supervisor")
    panel.get_by_role("button", name="Co-sign the note").click()
    expect(page.get_by_text("Note co-signed. It is now final.")).to_be_visible()
    expect(page.get_by_role("region", name="Supervisor review")).to_have_count(0)
    expect(page.get_by_role("article", name="Clinical note")).to_contain_text(
        "Co-signed by Sam Supervisor"
    )

    # ... and returns the second, first trying without a comment.
    page.goto(live_server.url + weak.get_absolute_url())
    panel = page.get_by_role("region", name="Supervisor review")
    panel.get_by_role("button", name="Return for revision").click()
    expect(page.get_by_text("Say what needs revising before you return the note.")).to_be_visible()
    page.get_by_label("What needs revising").fill(
        "No interpersonal task was set: agree one concrete task with a person."
    )
    page.get_by_role("button", name="Return for revision").click()
    expect(page.get_by_text("Note returned for revision.")).to_be_visible()
    expect(page.get_by_role("region", name="Review history")).to_contain_text(
        "No interpersonal task was set"
    )
    assert Session.objects.get(pk=good.pk).status == NoteStatus.COSIGNED
    assert Session.objects.get(pk=weak.pk).status == NoteStatus.RETURNED
    page.get_by_role("button", name="Sign out").click()

    # The trainee finds the returned note from the caseload, with the comment on top.
    sign_in(trainee)
    region = page.get_by_role("region", name="Notes returned to you for revision")
    expect(region).to_be_visible()
    region.get_by_role("link").click()
    notice = page.get_by_test_id("return-notice")
    expect(notice).to_contain_text("Returned for revision by Sam Supervisor")
    expect(notice).to_contain_text("No interpersonal task was set")
    screenshot("supervision-returned-edit")
    assert_accessible("returned note, edit form")
    page.get_by_label("The task", exact=True).fill("Ask her sister to help with the school run.")
    page.get_by_label("With whom").fill("Sister")
    page.get_by_label("What happened in the session").fill(
        "Talked about the week; linked the low mood to the school-run rows."
    )
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Draft saved.")).to_be_visible()

    # The text first signed is still readable beside the revised note.
    history = page.get_by_role("region", name="Review history")
    history.get_by_text("Read the note as it stood when returned").click()
    expect(history).to_contain_text("Talked about the week.")
    screenshot("supervision-returned-detail")

    page.get_by_role("button", name="Sign the note").click()
    expect(page.get_by_text("It now awaits your supervisor's co-signature.")).to_be_visible()
    expect(page.get_by_role("article", name="Clinical note")).to_contain_text(
        "Awaiting co-signature"
    )
    resigned = Session.objects.get(pk=weak.pk)
    assert resigned.status == NoteStatus.SIGNED and resigned.awaiting_cosignature
    assert resigned.signed_at > weak.signed_at
    assert resigned.next_task.startswith("Ask her sister")
    snapshot = NoteReview.objects.get(session=weak).note_snapshot
    assert snapshot["note"] == "Talked about the week."
