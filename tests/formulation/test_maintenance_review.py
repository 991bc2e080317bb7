"""At the start of maintenance the inherited formulation is reviewed (H45): the course page and
the maintenance session note prompt for it until the therapist confirms it still holds (who and
when, audited) or revises it (a new version)."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from audit.models import AuditEvent
from cases.models import Course
from inventory.formulation_review import review_due
from inventory.models import FormulationConfirmation
from tests import factories
from tests.sessions.test_maintenance import completed_course, open_for

pytestmark = pytest.mark.django_db

PROMPT = 'data-testid="formulation-review-prompt"'


def maintenance_course(therapist):
    return open_for(therapist, completed_course(therapist))


def first_session(course):
    session = factories.make_session(course, status="draft")
    return reverse("sessions:edit", args=[session.pk])


def test_it_prompts_on_the_course_page_and_the_first_session_note_until_confirmed(
    client, therapist
):
    course = maintenance_course(therapist)
    client.force_login(therapist)
    page = client.get(course.get_absolute_url()).content.decode()
    assert PROMPT in page and "Review the formulation with the client" in page
    assert 'data-testid="confirm-formulation"' in page
    note_url = first_session(course)
    assert PROMPT in client.get(note_url).content.decode()
    detail_url = note_url.replace("edit/", "")
    assert detail_url != note_url and PROMPT in client.get(detail_url).content.decode()

    response = client.post(reverse("formulation:confirm", args=[course.pk]))
    assert response.status_code == 302
    confirmation = FormulationConfirmation.objects.get(course=course)
    assert confirmation.confirmed_by == therapist and confirmation.formulation.number == 1
    event = AuditEvent.objects.get(action="formulation.confirm")
    assert event.actor == therapist
    page = client.get(course.get_absolute_url()).content.decode()
    assert PROMPT not in page
    assert 'data-testid="formulation-confirmed"' in page and "Tess Therapist" in page
    assert PROMPT not in client.get(note_url).content.decode()
    assert PROMPT not in client.get(detail_url).content.decode()
    # Confirming twice is refused, not recorded twice.
    assert client.post(reverse("formulation:confirm", args=[course.pk])).status_code == 409
    assert FormulationConfirmation.objects.filter(course=course).count() == 1


def test_confirming_from_a_session_note_comes_back_to_the_note(client, therapist):
    course = maintenance_course(therapist)
    client.force_login(therapist)
    note_url = first_session(course)
    page = client.get(note_url).content.decode()
    assert f'name="next" value="{note_url}"' in page
    response = client.post(reverse("formulation:confirm", args=[course.pk]), {"next": note_url})
    assert response.status_code == 302 and response.url == note_url
    assert FormulationConfirmation.objects.filter(course=course).exists()


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "sessions/1/"])
def test_a_next_off_the_site_goes_to_the_course_page(client, therapist, target):
    course = maintenance_course(therapist)
    client.force_login(therapist)
    response = client.post(reverse("formulation:confirm", args=[course.pk]), {"next": target})
    assert response.status_code == 302 and response.url == course.get_absolute_url()


def test_revising_the_formulation_is_a_review_too(client, therapist):
    course = maintenance_course(therapist)
    assert review_due(course) is not None
    client.force_login(therapist)
    response = client.post(
        reverse("formulation:save", args=[course.pk]),
        {
            "version": "1",
            "primary_area": "role_transition",
            "plain_words": "The new job is the change to work on now.",
            "goal_1": "Settle into the new team",
        },
    )
    assert response.status_code in (200, 302)
    assert course.formulations.order_by("-number").first().number == 2
    assert review_due(Course.objects.get(pk=course.pk)) is None
    assert PROMPT not in client.get(course.get_absolute_url()).content.decode()


def test_an_acute_course_never_prompts(client, therapist):
    course = completed_course(therapist)
    assert review_due(course) is None
    client.force_login(therapist)
    assert PROMPT not in client.get(course.get_absolute_url()).content.decode()
    assert client.post(reverse("formulation:confirm", args=[course.pk])).status_code == 409
    assert not FormulationConfirmation.objects.exists()


def test_another_therapist_gets_404_and_a_supervisor_cannot_confirm(
    client, therapist, other_therapist, supervisor
):
    course = maintenance_course(therapist)
    url = reverse("formulation:confirm", args=[course.pk])
    client.force_login(other_therapist)
    assert client.post(url).status_code == 404
    client.force_login(supervisor)
    assert client.post(url).status_code == 404
    page = client.get(course.get_absolute_url()).content.decode()
    assert PROMPT in page and 'data-testid="confirm-formulation"' not in page
    assert not FormulationConfirmation.objects.exists()


def test_confirm_takes_only_post(client, therapist):
    course = maintenance_course(therapist)
    client.force_login(therapist)
    assert client.get(reverse("formulation:confirm", args=[course.pk])).status_code == 405


def test_the_database_refuses_to_change_a_confirmation(client, therapist):
    course = maintenance_course(therapist)
    client.force_login(therapist)
    client.post(reverse("formulation:confirm", args=[course.pk]))
    confirmation = FormulationConfirmation.objects.get()
    table = FormulationConfirmation._meta.db_table
    for sql in (f"UPDATE {table} SET confirmed_by_id = NULL", f"DELETE FROM {table}"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
            cur.execute(sql)
    assert FormulationConfirmation.objects.get().pk == confirmation.pk
