"""Returning a trainee's note for revision, and the trainee revising and signing it again."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from sessions import services as note_services
from sessions.models import NoteStatus, Session
from supervision.models import NoteReview
from supervision.services import reviews
from tests.supervision.reviewing import make_trainee, signed_note

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainee(supervisor):
    return make_trainee(supervisor, first_name="Tara", last_name="Trainee")


@pytest.fixture
def note(trainee):
    return signed_note(trainee, text="First signed text.")


def _return_url(session):
    return reverse("supervision:return_note", args=[session.pk])


def _revise(session, by, text):
    return note_services.save_note(
        session,
        by,
        note_services.NoteChanges(fields={"note": text}),
        expected_version=session.version,
    )


def test_it_returns_the_note_with_a_comment_keeping_the_signature(note, supervisor, trainee):
    review = reviews.return_note(note, supervisor, "  Say what the task was.  ")
    saved = Session.objects.get(pk=note.pk)
    assert saved.status == NoteStatus.RETURNED and saved.is_editable
    assert saved.signed_by == trainee and saved.signed_at == note.signed_at
    assert saved.cosigned_by is None and saved.version == note.version + 1
    assert review.comment == "Say what the task was."
    assert review.note_snapshot["note"] == "First signed text."
    assert review.note_snapshot["signed_by"] == trainee.pk
    assert review.note_snapshot["signed_at"] == note.signed_at.isoformat()
    event = AuditEvent.objects.get(action="session.return")
    assert event.actor == supervisor and event.client == note.course.client


def test_a_return_needs_a_comment(note, supervisor):
    with pytest.raises(reviews.CommentRequired):
        reviews.return_note(note, supervisor, "   ")
    assert Session.objects.get(pk=note.pk).status == NoteStatus.SIGNED
    assert not NoteReview.objects.exists()


def test_the_database_refuses_a_return_without_a_comment(note, supervisor):
    with pytest.raises(IntegrityError), transaction.atomic():
        NoteReview.objects.create(session=note, action="returned", reviewed_by=supervisor)


@pytest.mark.parametrize("who", ["trainee", "other_supervisor", "service_admin"])
def test_only_the_supervisor_returns(note, who, request):
    with pytest.raises(reviews.NotAllowed):
        reviews.return_note(note, request.getfixturevalue(who), "No")
    assert Session.objects.get(pk=note.pk).status == NoteStatus.SIGNED


def test_a_qualified_therapist_s_note_is_not_returned(therapist, supervisor):
    note = signed_note(therapist)
    with pytest.raises(reviews.NotAwaitingReview):
        reviews.return_note(note, supervisor, "Please revise")


def test_returned_revised_signed_again_awaits_again_then_cosigned(note, supervisor, trainee):
    reviews.return_note(note, supervisor, "Add the risk action.")
    returned = Session.objects.get(pk=note.pk)
    assert not returned.awaiting_cosignature
    # Nothing else can be decided on it while it is being revised.
    with pytest.raises(reviews.NotAwaitingReview):
        reviews.cosign_note(returned, supervisor)

    revised = _revise(returned, trainee, "Revised text, with the risk action.")
    later = timezone.now() + datetime.timedelta(seconds=1)
    resigned = note_services.sign_session(revised, trainee)
    assert resigned.status == NoteStatus.SIGNED and resigned.awaiting_cosignature
    assert resigned.signed_by == trainee and resigned.signed_at > note.signed_at
    assert resigned.signed_at <= later

    cosigned = reviews.cosign_note(resigned, supervisor, expected_version=resigned.version)
    assert cosigned.status == NoteStatus.COSIGNED
    first, second = NoteReview.objects.order_by("reviewed_at", "id")
    assert (first.action, second.action) == ("returned", "cosigned")
    # The text first signed is never lost.
    assert first.note_snapshot["note"] == "First signed text."
    assert second.note_snapshot["note"] == "Revised text, with the risk action."
    assert first.note_snapshot["signed_at"] == note.signed_at.isoformat()


def test_a_returned_note_cannot_be_edited_by_the_supervisor(note, supervisor):
    reviews.return_note(note, supervisor, "Revise")
    with pytest.raises(note_services.NotAllowed):
        _revise(Session.objects.get(pk=note.pk), supervisor, "Supervisor's words")


# ---- the views ---------------------------------------------------------------------------


def test_the_supervisor_returns_from_the_note_page(client, note, supervisor):
    client.force_login(supervisor)
    data = {"return-version": note.version, "return-comment": "Name the task."}
    response = client.post(_return_url(note), data, follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == note.get_absolute_url()
    assert "Note returned for revision" in html and "Name the task." in html
    assert "Read the note as it stood when returned" in html
    assert Session.objects.get(pk=note.pk).status == NoteStatus.RETURNED


def test_an_empty_return_comes_back_with_the_message_and_nothing_changes(client, note, supervisor):
    client.force_login(supervisor)
    response = client.post(
        _return_url(note), {"return-version": note.version, "return-comment": ""}
    )
    assert response.status_code == 400
    assert "Say what needs revising" in response.content.decode()
    assert Session.objects.get(pk=note.pk).status == NoteStatus.SIGNED


def test_a_stale_return_keeps_the_typed_comment(client, note, supervisor):
    client.force_login(supervisor)
    loaded = note.version
    reviews.cosign_note(note, supervisor, expected_version=loaded)
    response = client.post(
        _return_url(note), {"return-version": loaded, "return-comment": "Typed in tab two"}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "changed after you opened it" in html or "not awaiting" in html
    assert NoteReview.objects.count() == 1


def test_a_stale_return_on_a_note_awaiting_again_keeps_the_text(client, note, supervisor, trainee):
    client.force_login(supervisor)
    loaded = note.version
    reviews.return_note(note, supervisor, "First return")
    note_services.sign_session(Session.objects.get(pk=note.pk), trainee)
    response = client.post(
        _return_url(note), {"return-version": loaded, "return-comment": "Typed in tab two"}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "changed after you opened it" in html
    assert ">\nTyped in tab two</textarea>" in html
    assert NoteReview.objects.count() == 1


@pytest.mark.parametrize("who", ["trainee", "service_admin"])
def test_a_reader_who_is_not_the_supervisor_is_refused(client, note, who, request):
    client.force_login(request.getfixturevalue(who))
    response = client.post(
        _return_url(note), {"return-version": note.version, "return-comment": "No"}
    )
    assert response.status_code == 403
    assert Session.objects.get(pk=note.pk).status == NoteStatus.SIGNED


def test_another_supervisor_gets_404(client, note, other_supervisor):
    client.force_login(other_supervisor)
    response = client.post(
        _return_url(note), {"return-version": note.version, "return-comment": "No"}
    )
    assert response.status_code == 404


def test_get_is_not_allowed(client, note, supervisor):
    client.force_login(supervisor)
    assert client.get(_return_url(note)).status_code == 405


def test_the_trainee_sees_the_comment_on_the_edit_page_and_the_caseload(
    client, note, supervisor, trainee
):
    reviews.return_note(note, supervisor, "Say what the task was.")
    client.force_login(trainee)
    edit = client.get(note.get_edit_url()).content.decode()
    assert "Returned for revision by Sam Supervisor" in edit
    assert "Say what the task was." in edit
    detail = client.get(note.get_absolute_url()).content.decode()
    assert "Revise the note" in detail and "Sign the note" in detail
    caseload = client.get(reverse("cases:caseload")).content.decode()
    assert "Notes returned to you for revision" in caseload
    assert note.get_edit_url() in caseload


def test_the_caseload_lists_no_returned_notes_when_there_are_none(client, note, trainee):
    client.force_login(trainee)
    assert "returned to you" not in client.get(reverse("cases:caseload")).content.decode()


def test_the_edit_page_of_a_note_never_returned_has_no_notice(client, trainee):
    from tests import factories

    draft = factories.make_session(factories.make_course(therapist=trainee))
    client.force_login(trainee)
    assert "Returned for revision" not in client.get(draft.get_edit_url()).content.decode()
