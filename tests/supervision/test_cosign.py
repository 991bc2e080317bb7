"""Co-signing a trainee's note: who may, when, once, and what the pages show."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from sessions.models import NoteStatus, Session
from supervision.models import NoteReview
from supervision.services import reviews
from tests import factories
from tests.supervision.reviewing import make_trainee, signed_note

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainee(supervisor):
    return make_trainee(supervisor, first_name="Tara", last_name="Trainee")


@pytest.fixture
def note(trainee):
    return signed_note(trainee)


def _cosign_url(session):
    return reverse("supervision:cosign", args=[session.pk])


def test_it_cosigns_a_trainee_note_and_audits(note, supervisor, trainee):
    assert note.awaiting_cosignature
    cosigned = reviews.cosign_note(note, supervisor, expected_version=note.version)
    saved = Session.objects.get(pk=note.pk)
    assert saved.status == NoteStatus.COSIGNED and saved.is_signed
    assert saved.cosigned_by == supervisor and saved.cosigned_at is not None
    assert saved.signed_by == trainee and saved.signed_at == note.signed_at
    assert saved.version == note.version + 1 == cosigned.version
    review = NoteReview.objects.get(session=note)
    assert review.action == "cosigned" and review.reviewed_by == supervisor
    assert review.note_snapshot["note"] == note.note
    event = AuditEvent.objects.get(action="session.cosign")
    assert event.actor == supervisor and event.client == note.course.client
    assert event.object_id == str(note.pk)


@pytest.mark.parametrize("who", ["trainee", "other_supervisor", "service_admin"])
def test_only_the_trainee_s_supervisor_cosigns(note, who, request):
    person = request.getfixturevalue(who)
    with pytest.raises(reviews.NotAllowed):
        reviews.cosign_note(note, person, expected_version=note.version)
    assert Session.objects.get(pk=note.pk).status == NoteStatus.SIGNED
    assert not NoteReview.objects.exists()


def test_nobody_cosigns_their_own_note(supervisor):
    # A trainee wrongly set up as their own supervisor still cannot co-sign their note.
    trainee = make_trainee(supervisor)
    trainee.supervisor = trainee
    trainee.save(update_fields=["supervisor"])
    note = signed_note(trainee)
    with pytest.raises(reviews.NotAllowed, match="signed themselves"):
        reviews.cosign_note(note, trainee, expected_version=note.version)
    assert Session.objects.get(pk=note.pk).status == NoteStatus.SIGNED


def test_a_qualified_therapist_s_note_is_not_cosigned(therapist, supervisor):
    note = signed_note(therapist)
    assert not note.awaiting_cosignature
    with pytest.raises(reviews.NotAwaitingReview):
        reviews.cosign_note(note, supervisor, expected_version=note.version)
    assert Session.objects.get(pk=note.pk).status == NoteStatus.SIGNED


def test_a_draft_is_not_cosigned(trainee, supervisor):
    draft = factories.make_session(factories.make_course(therapist=trainee), note="Seen.")
    with pytest.raises(reviews.NotAwaitingReview):
        reviews.cosign_note(draft, supervisor, expected_version=draft.version)


def test_a_note_is_decided_once(note, supervisor):
    reviews.cosign_note(note, supervisor, expected_version=note.version)
    with pytest.raises(reviews.NotAwaitingReview):
        reviews.cosign_note(note, supervisor)
    with pytest.raises(reviews.NotAwaitingReview):
        reviews.return_note(note, supervisor, "Too late")
    assert NoteReview.objects.count() == 1


def test_a_decision_from_a_page_loaded_before_another_is_refused(note, supervisor):
    loaded = note.version
    reviews.return_note(note, supervisor, "Add the task.", expected_version=loaded)
    with pytest.raises(reviews.StaleDecision):
        reviews.cosign_note(note, supervisor, expected_version=loaded)
    assert Session.objects.get(pk=note.pk).status == NoteStatus.RETURNED


# ---- the view ----------------------------------------------------------------------------


def test_the_supervisor_cosigns_from_the_note_page(client, note, supervisor):
    client.force_login(supervisor)
    page = client.get(note.get_absolute_url()).content.decode()
    assert "Supervisor review" in page and "Co-sign the note" in page
    assert 'for="id_return-comment"' in page
    response = client.post(_cosign_url(note), {"version": note.version}, follow=True)
    assert response.redirect_chain[-1][0] == note.get_absolute_url()
    html = response.content.decode()
    assert "Note co-signed" in html and "Co-signed by <strong>" in html
    assert "Co-sign the note" not in html
    assert Session.objects.get(pk=note.pk).status == NoteStatus.COSIGNED


def test_the_therapist_sees_no_review_panel(client, note, trainee):
    client.force_login(trainee)
    page = client.get(note.get_absolute_url()).content.decode()
    assert "Awaiting co-signature" in page
    assert "Co-sign the note" not in page and "Return for revision" not in page


@pytest.mark.parametrize("who", ["trainee", "service_admin"])
def test_a_reader_who_is_not_the_supervisor_is_refused_with_a_reason(client, note, who, request):
    client.force_login(request.getfixturevalue(who))
    response = client.post(_cosign_url(note), {"version": note.version})
    assert response.status_code == 403
    assert "clinical supervisor can review or comment" in response.content.decode()
    assert Session.objects.get(pk=note.pk).status == NoteStatus.SIGNED


def test_another_supervisor_gets_404(client, note, other_supervisor):
    client.force_login(other_supervisor)
    assert client.post(_cosign_url(note), {"version": note.version}).status_code == 404


def test_signed_out_is_sent_to_sign_in(client, note):
    response = client.post(_cosign_url(note), {"version": note.version})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_get_is_not_allowed(client, note, supervisor):
    client.force_login(supervisor)
    assert client.get(_cosign_url(note)).status_code == 405


def test_a_second_tab_s_cosign_is_refused_on_the_page(client, note, supervisor):
    client.force_login(supervisor)
    loaded = note.version
    assert client.post(_cosign_url(note), {"version": loaded}).status_code == 302
    response = client.post(_cosign_url(note), {"version": loaded})
    assert response.status_code == 409
    html = response.content.decode()
    assert "changed after you opened it" in html and "Co-signed" in html
    assert NoteReview.objects.count() == 1


def test_a_missing_version_is_a_400_not_a_500(client, note, supervisor):
    client.force_login(supervisor)
    response = client.post(_cosign_url(note), {"version": "abc"})
    assert response.status_code == 400
    assert Session.objects.get(pk=note.pk).status == NoteStatus.SIGNED


@pytest.mark.parametrize("rounds", [1, 4])
def test_the_note_page_costs_the_same_queries_however_long_the_history(
    client, supervisor, trainee, rounds, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sessions import services as note_services

    def page_queries(session):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(session.get_absolute_url()).status_code == 200
        return len(captured.captured_queries)

    client.force_login(supervisor)
    course = factories.make_course(therapist=trainee)
    baseline = signed_note(trainee, course)
    client.get(baseline.get_absolute_url())  # warm the session
    expected = page_queries(baseline)
    note = signed_note(trainee, course)
    for n in range(rounds):
        reviews.return_note(note, supervisor, f"Round {n}")
        reviews.comment_on_session(note, supervisor, f"Comment {n}")
        note = note_services.sign_session(note, trainee)
    with django_assert_num_queries(expected):
        client.get(note.get_absolute_url())
