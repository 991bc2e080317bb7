"""Every session URL: other people's records are 404, readers cannot write, strangers sign in."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from sessions.models import RolePlay, Session
from tests.sessions.conftest import note_data

pytestmark = pytest.mark.django_db

# (url name, extra args, methods)
SESSION_URLS = [
    ("sessions:detail", [], ["get"]),
    ("sessions:edit", [], ["get", "post"]),
    ("sessions:autosave", [], ["post"]),
    ("sessions:attendance", [], ["get", "post"]),
    ("sessions:sign", [], ["post"]),
    ("sessions:addendum", [], ["post"]),
    ("sessions:void", [], ["post"]),
    ("sessions:add_record", ["communication"], ["post"]),
    ("sessions:save_plan", ["relapse"], ["post"]),
    ("sessions:edit_record", ["roleplay", "RECORD"], ["get", "post"]),
]
CASES = [(name, args, method) for name, args, methods in SESSION_URLS for method in methods]


def _url(name, session, args):
    if "RECORD" in args:
        record = RolePlay.objects.get_or_create(session=session, rehearsed="Original")[0]
        args = [record.pk if a == "RECORD" else a for a in args]
    return reverse(name, args=[session.pk, *args])


def _payload(session):
    return {
        **note_data(session, note="Intruder text"),
        "text": "Intruder text",
        "reason": "Intruder text",
        "communication-scene": "x",
        "communication-exchange": "x",
        "relapse-version": "1",
        "relapse-warning_signs": "Intruder text",
        "roleplay-rehearsed": "Intruder text",
    }


@pytest.mark.parametrize(("name", "args", "method"), CASES)
def test_another_therapist_gets_404(client, other_therapist, session, name, args, method):
    client.force_login(other_therapist)
    response = getattr(client, method)(_url(name, session, args), _payload(session))
    assert response.status_code == 404


@pytest.mark.parametrize(("name", "args", "method"), CASES)
def test_another_supervisor_gets_404(client, other_supervisor, session, name, args, method):
    client.force_login(other_supervisor)
    response = getattr(client, method)(_url(name, session, args), _payload(session))
    assert response.status_code == 404


@pytest.mark.parametrize(("name", "args", "method"), CASES)
def test_signed_out_goes_to_sign_in(client, session, name, args, method):
    url = _url(name, session, args)
    response = getattr(client, method)(url, _payload(session))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(("name", "args", "method"), [c for c in CASES if c[2] == "post"])
@pytest.mark.parametrize("reader", ["supervisor", "service_admin"])
def test_readers_cannot_write(request, client, session, reader, name, args, method):
    client.force_login(request.getfixturevalue(reader))
    response = client.post(_url(name, session, args), _payload(session))
    assert response.status_code == 403
    assert "Only the treating therapist" in response.content.decode()
    saved = Session.objects.get(pk=session.pk)
    assert saved.note == "" and saved.version == 1 and not saved.is_void
    assert not RolePlay.objects.filter(rehearsed="Intruder text").exists()
    assert not AuditEvent.objects.exclude(action="view").exists()


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("sessions:edit", []),
        ("sessions:attendance", []),
        ("sessions:edit_record", ["roleplay", "RECORD"]),
    ],
)
def test_the_supervisor_reads_but_gets_no_edit_form(client, supervisor, session, name, args):
    client.force_login(supervisor)
    assert client.get(reverse("sessions:detail", args=[session.pk])).status_code == 200
    assert client.get(_url(name, session, args)).status_code == 403


def test_adding_an_extra_session_is_for_the_therapist_only(
    client, course, supervisor, other_therapist
):
    url = reverse("sessions:add_extra", args=[course.pk])
    client.force_login(other_therapist)
    assert client.post(url).status_code == 404
    client.force_login(supervisor)
    assert client.post(url).status_code == 403
    client.logout()
    assert client.post(url).status_code == 302
    assert not course.sessions.exists()
