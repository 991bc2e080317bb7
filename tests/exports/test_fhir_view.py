"""Downloading a course as FHIR: who may, what the audit keeps, and a missing purpose."""

import json

import pytest

from audit.models import AuditEvent
from tests import factories
from tests.exports.builders import full_course

pytestmark = pytest.mark.django_db

PURPOSE = {"reason": "transfer_of_care", "detail": ""}


def _url(course):
    return f"/courses/{course.pk}/export/fhir/"


def test_it_shows_the_purpose_form_to_the_therapist(client, therapist):
    course = full_course(therapist)
    client.force_login(therapist)
    response = client.get(_url(course))
    assert response.status_code == 200
    assert b"Purpose of this export" in response.content
    assert not AuditEvent.objects.filter(action="disclosure.fhir").exists()


@pytest.mark.parametrize("who", ["therapist", "supervisor", "service_admin"])
def test_it_downloads_the_bundle_for_each_reader_and_audits_it(client, request, therapist, who):
    course = full_course(therapist)
    user = request.getfixturevalue(who)
    client.force_login(user)
    response = client.get(_url(course), PURPOSE)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["resourceType"] == "Bundle"
    event = AuditEvent.objects.get(action="disclosure.fhir")
    assert event.actor == user
    assert event.client_id == course.client_id
    assert event.detail["purpose"] == "Transfer of care to another service"
    assert event.detail["resources"]["Encounter"] == 4


@pytest.mark.parametrize("who", ["other_therapist", "other_supervisor"])
def test_it_is_a_404_for_anyone_outside_the_caseload(client, request, therapist, who):
    course = full_course(therapist)
    client.force_login(request.getfixturevalue(who))
    assert client.get(_url(course), PURPOSE).status_code == 404
    assert not AuditEvent.objects.filter(action="disclosure.fhir").exists()


def test_it_sends_a_signed_out_visitor_to_sign_in(client, therapist):
    course = factories.make_course(therapist=therapist)
    response = client.get(_url(course), PURPOSE)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_refuses_other_without_a_reason_and_keeps_the_choice(client, therapist):
    course = factories.make_course(therapist=therapist)
    client.force_login(therapist)
    response = client.get(_url(course), {"reason": "other", "detail": ""})
    assert response.status_code == 400
    assert b"Say why the data is leaving the service." in response.content
    assert b'value="other" selected' in response.content
    assert not AuditEvent.objects.filter(action="disclosure.fhir").exists()
