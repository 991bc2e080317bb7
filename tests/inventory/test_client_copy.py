"""The client's copy of the formulation: the focus in plain words, goals, what we will do."""

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from tests import factories
from tests.client_documents import assert_nothing_clinical, course_with_clinical_record, pdf_text

pytestmark = pytest.mark.django_db


def _get(client, user, course):
    client.force_login(user)
    return client.get(reverse("inventory:client_formulation", args=[course.pk]))


def test_it_gives_the_client_the_plan_in_plain_words(client, therapist, supervisor, tmp_path):
    course = course_with_clinical_record(therapist, supervisor)
    response = _get(client, therapist, course)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    assert "Robin Ashby" in text and "Hello Rob." in text
    for heading in ("What we talked about", "Your goals", "What we will do"):
        assert heading in text
    assert "A disagreement with someone important to you" in text  # the focal area, plainly
    assert "feeling lonely, or finding it hard to get close to people" in text  # the second
    assert "arguments with Sam about money" in text  # the therapist's plain words
    assert "Tell Sam calmly what I need at weekends" in text
    assert "See a friend once a week" in text
    assert "first draft" not in text  # this version was shared
    assert_nothing_clinical(text, course)


@pytest.mark.parametrize(
    ("area", "plain"),
    [
        ("grief", "Getting through the loss of someone close"),
        ("role_transition", "Getting used to a big change in your life"),
        ("interpersonal_deficits", "Feeling lonely, or finding it hard to get close to people"),
    ],
)
def test_it_names_every_focal_area_in_everyday_words(client, therapist, area, plain, tmp_path):
    course = factories.make_course(therapist=therapist)
    factories.make_formulation(course, primary_area=area)
    text = pdf_text(_get(client, therapist, course).content, tmp_path)
    assert plain in text


def test_it_marks_an_unshared_version_as_a_draft_to_talk_through(
    client, therapist, course, tmp_path
):
    factories.make_formulation(course, number=1, shared_on=timezone.localdate())
    factories.make_formulation(course, number=2, goal_1="Ring my brother on Sundays")
    text = pdf_text(_get(client, therapist, course).content, tmp_path)
    assert "first draft for us to talk through" in text
    assert "Ring my brother on Sundays" in text  # the newest version


def test_it_has_nothing_to_give_before_a_formulation_exists(client, therapist, course):
    assert _get(client, therapist, course).status_code == 404


def test_it_audits_the_download_against_the_formulation(client, therapist, course):
    formulation = factories.make_formulation(course)
    _get(client, therapist, course)
    event = AuditEvent.objects.get(action="pdf.export", client=course.client)
    assert event.object_type == "inventory.formulation"
    assert event.object_id == str(formulation.pk)
    assert event.detail["document"] == "our_plan"


def test_it_hides_the_copy_from_another_therapist(client, other_therapist, course):
    factories.make_formulation(course)
    assert _get(client, other_therapist, course).status_code == 404
    assert not AuditEvent.objects.filter(action="pdf.export").exists()


def test_it_lets_the_supervisor_print_it(client, supervisor, course):
    factories.make_formulation(course)
    assert _get(client, supervisor, course).status_code == 200
