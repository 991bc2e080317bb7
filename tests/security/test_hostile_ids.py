"""Ids, NUL bytes and oversized values never cause a 500, on SQLite or PostgreSQL (issue 14, F6).

SQLite raised ``OverflowError`` for an id past 64 bits; PostgreSQL refuses a NUL byte in a
query. Both reached the user as a 500.
"""

import pytest
from django.urls import reverse

from sessions.models import Session
from supervision.models import SupervisionEntry
from tests import factories
from tests.sessions.conftest import note_data
from tests.supervision.test_log import entry_data

pytestmark = pytest.mark.django_db

HUGE_IDS = [str(2**63), str(2**70), "9" * 40, "-" + str(2**70)]


@pytest.mark.parametrize("huge", HUGE_IDS)
def test_a_huge_person_id_on_a_note_is_a_form_error(client, therapist, course, huge):
    session = factories.make_session(course)
    client.force_login(therapist)
    data = note_data(session, people_involved=[huge], note="Typed before the bad id")
    page = client.post(reverse("sessions:edit", args=[session.pk]), data)
    assert page.status_code in (200, 400)  # the form again, with its error
    assert "Typed before the bad id" in page.content.decode()
    assert "not on this course" in page.content.decode()
    autosave = client.post(reverse("sessions:autosave", args=[session.pk]), data)
    assert autosave.status_code in (200, 400)
    assert "not on this course" in autosave.content.decode()
    session.refresh_from_db()
    assert session.version == Session.objects.get(pk=session.pk).version
    assert session.note == ""


@pytest.mark.parametrize("huge", HUGE_IDS)
def test_a_huge_course_id_on_a_supervision_entry_is_a_form_error(
    client, supervisor, therapist, huge
):
    client.force_login(supervisor)
    response = client.post(
        reverse("supervision:entry_new", args=[therapist.pk]),
        entry_data(courses=[huge], actions="Kept text"),
    )
    assert response.status_code in (200, 400)
    assert "Kept text" in response.content.decode()
    assert not SupervisionEntry.objects.exists()


@pytest.mark.parametrize("huge", HUGE_IDS[:3])
def test_a_huge_id_in_a_link_is_a_404(client, therapist, course, huge):
    client.force_login(therapist)
    assert client.get(f"/courses/{huge}/").status_code == 404
    timeline = reverse("inventory:timeline", args=[course.pk])
    assert client.get(timeline, {"edit": huge}).status_code in (200, 404)
    inventory = reverse("inventory:page", args=[course.pk])
    assert client.get(inventory, {"edit": huge}).status_code in (200, 404)


@pytest.mark.parametrize("query", ["\x00", "a\x00b", "%00"])
def test_a_nul_byte_in_a_search_is_not_a_500(client, therapist, query):
    client.force_login(therapist)
    response = client.get(reverse("cases:client_search"), {"q": query})
    assert response.status_code in (200, 400)


def test_a_nul_byte_in_the_raw_query_string_is_a_400(client, therapist):
    client.force_login(therapist)
    response = client.get(reverse("cases:client_search") + "?q=%00")
    assert response.status_code == 400


def test_a_nul_byte_in_a_form_is_refused_without_a_change(client, therapist, course):
    session = factories.make_session(course)
    client.force_login(therapist)
    response = client.post(
        reverse("sessions:edit", args=[session.pk]), note_data(session, note="Bad\x00byte")
    )
    assert response.status_code in (200, 400)
    session.refresh_from_db()
    assert session.note == ""
