import pytest
from django.urls import reverse

from audit.models import AuditEvent
from sessions import services
from sessions.models import Session
from tests import factories

pytestmark = pytest.mark.django_db


def _sign(session, user, **fields):
    fields.setdefault("note", "Seen.")
    session = services.save_note(
        session, user, services.NoteChanges(fields=fields), expected_version=session.version
    )
    return services.sign_session(session, user)


def test_it_reads_as_a_clinical_note_and_audits_the_view(client, therapist, session):
    person = factories.make_person(session.course, name="Maria")
    session.people_involved.add(person)
    Session.objects.filter(pk=session.pk).update(
        mood_rating=3, mood_account="Flat all week", next_task="Call Maria", risk_asked=True
    )
    client.force_login(therapist)
    response = client.get(reverse("sessions:detail", args=[session.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "3 / 10" in body and "Flat all week" in body and "Maria (friend)" in body
    assert "Call Maria" in body and "Asked directly" in body
    assert "Sign the note" in body
    assert AuditEvent.objects.filter(action="view", object_id=str(session.pk)).count() == 1


def test_a_trainee_signed_note_shows_awaiting_cosignature(client, supervisor):
    trainee = factories.make_therapist(supervisor=supervisor, is_trainee=True)
    session = factories.make_session(factories.make_course(therapist=trainee))
    _sign(session, trainee)
    client.force_login(supervisor)
    body = client.get(reverse("sessions:detail", args=[session.pk])).content.decode()
    assert "Awaiting co-signature" in body
    assert "Add an addendum" not in body and "Void this session" not in body


def test_addenda_are_shown_under_the_signed_note(client, therapist, session):
    _sign(session, therapist, note="Original text")
    client.force_login(therapist)
    url = reverse("sessions:addendum", args=[session.pk])
    response = client.post(url, {"text": "Correction: the row was on Sunday."}, follow=True)
    body = response.content.decode()
    assert body.index("Original text") < body.index("Correction: the row was on Sunday.")
    assert "Edit the note" not in body


def test_an_empty_addendum_is_refused_at_the_field(client, therapist, session):
    _sign(session, therapist)
    client.force_login(therapist)
    response = client.post(reverse("sessions:addendum", args=[session.pk]), {"text": " "})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()


def test_voiding_needs_a_reason_and_keeps_the_session(client, therapist, session):
    client.force_login(therapist)
    url = reverse("sessions:void", args=[session.pk])
    assert client.post(url, {"reason": ""}).status_code == 400
    response = client.post(url, {"reason": "Entered on the wrong client"}, follow=True)
    body = response.content.decode()
    assert "Voided" in body and "Entered on the wrong client" in body
    assert Session.objects.get(pk=session.pk).is_void


@pytest.mark.parametrize(
    "url",
    [
        "/sessions/99999999999999999999999999/",
        "/sessions/99999999999999999999999999/edit/",
        "/sessions/1/records/roleplay/99999999999999999999999999/",
    ],
)
def test_an_id_too_large_for_the_database_is_a_404(client, therapist, session, url):
    client.force_login(therapist)
    assert client.get(url).status_code == 404
