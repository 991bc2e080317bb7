"""The client's staying-well plan, drawn from the course's relapse-prevention plan."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from sessions.models import RelapsePreventionPlan
from tests.client_documents import assert_nothing_clinical, course_with_clinical_record, pdf_text

pytestmark = pytest.mark.django_db


def _get(client, user, course):
    client.force_login(user)
    return client.get(reverse("sessions:staying_well", args=[course.pk]))


def test_it_gives_the_client_the_plan_in_their_words(client, therapist, supervisor, tmp_path):
    course = course_with_clinical_record(therapist, supervisor)
    response = _get(client, therapist, course)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    assert "Robin Ashby" in text and "Hello Rob." in text
    for heading, answer in (
        ("Signs that I may be getting unwell again", "Staying in bed at weekends"),
        ("Things ahead that could be hard", "Christmas with Sam's family"),
        ("What has helped me", "Walking with my sister"),
        ("What I will do if the signs come back", "Phone my sister; book a GP visit"),
        ("Who I can contact", "My sister Jo; my GP"),
    ):
        assert heading in text and answer in text
    assert "We will meet again for a few check-in sessions." in text
    assert "Thursday 4 March 2027" in text
    assert "call 999" in text
    assert_nothing_clinical(text, course)


def test_it_leaves_empty_parts_to_be_filled_in_by_hand(client, therapist, course, tmp_path):
    RelapsePreventionPlan.objects.create(course=course, warning_signs="Not sleeping")
    text = pdf_text(_get(client, therapist, course).content, tmp_path)
    assert "Not sleeping" in text
    assert "Who I can contact" in text  # heading kept over an empty box
    assert "After our sessions" not in text  # no follow-up plan yet


def test_it_has_nothing_to_give_before_the_plan_is_started(client, therapist, course):
    assert _get(client, therapist, course).status_code == 404


def test_it_audits_the_download_against_the_plan(client, therapist, course):
    plan = RelapsePreventionPlan.objects.create(course=course, what_to_do="Call Jo")
    _get(client, therapist, course)
    event = AuditEvent.objects.get(action="pdf.export", client=course.client)
    assert event.object_type == "session_logs.relapsepreventionplan"
    assert event.object_id == str(plan.pk)


def test_it_hides_the_plan_from_another_therapist(client, other_therapist, course):
    RelapsePreventionPlan.objects.create(course=course, what_to_do="Call Jo")
    assert _get(client, other_therapist, course).status_code == 404
    assert not AuditEvent.objects.filter(action="pdf.export").exists()
