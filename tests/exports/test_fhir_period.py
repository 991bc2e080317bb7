"""The service's FHIR export of a period: every course that ended in it, in one validated
Bundle built in a fixed number of queries, audited once per client in one insert."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle

from audit.models import AuditEvent
from cases.models.courses import CourseStatus
from exports import fhir_bundle
from exports.fhir_codes import LOINC
from exports.fhir_period import last_full_quarter, period_export
from measures.models import QuestionnaireResponse
from tests.exports.builders import full_course

pytestmark = pytest.mark.django_db

URL = "/service/exports/fhir/"


def _close(course):
    course.status = CourseStatus.COMPLETED
    course.ended_on = timezone.localdate()
    course.save()
    return course


def _period():
    today = timezone.localdate()
    return {"from": (today - datetime.timedelta(days=365)).isoformat(), "to": today.isoformat()}


def _download(client, **extra):
    response = client.get(URL, {**_period(), "reason": "continuity", **extra})
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/fhir+json"
    return Bundle.model_validate(json.loads(response.content))


def _of(bundle, kind):
    return [e.resource for e in bundle.entry if e.resource.get_resource_type() == kind]


def test_it_holds_each_ended_course_with_its_own_phq9_totals_and_loinc_codes(
    client, service_admin, therapist, other_therapist
):
    ended = [_close(full_course(therapist)), _close(full_course(other_therapist))]
    still_open = full_course(therapist)
    client.force_login(service_admin)
    bundle = _download(client)
    assert bundle.type == "collection"
    episodes = {e.id for e in _of(bundle, "EpisodeOfCare")}
    assert episodes == {fhir_bundle.resource_id("EpisodeOfCare", c.pk) for c in ended}
    assert fhir_bundle.resource_id("EpisodeOfCare", still_open.pk) not in episodes
    for course in ended:
        ours = list(
            QuestionnaireResponse.objects.valid()
            .filter(course=course, instrument="phq9")
            .order_by("completed_on", "id")
            .values_list("total", flat=True)
        )
        patient = f"urn:uuid:{fhir_bundle.resource_id('Patient', course.client_id)}"
        totals = [
            o.valueInteger
            for o in _of(bundle, "Observation")
            if o.subject.reference == patient and o.code.coding[0].code == "44261-6"
        ]
        assert totals == ours
        assert all(
            o.code.coding[0].system == LOINC
            for o in _of(bundle, "Observation")
            if o.subject.reference == patient
        )
    # Identified by record number, as in the course export.
    numbers = {p.identifier[0].value for p in _of(bundle, "Patient")}
    assert numbers == {c.client.record_number for c in ended}


def test_it_leaves_out_a_course_that_ended_outside_the_period(client, service_admin, therapist):
    inside = _close(full_course(therapist))
    outside = _close(full_course(therapist, weeks_ago=80))
    # Ended (clinically) more than a year ago: its last session was ~77 weeks back.
    outside.ended_on = timezone.localdate() - datetime.timedelta(weeks=70)
    outside.save()
    client.force_login(service_admin)
    bundle = _download(client)
    episodes = {e.id for e in _of(bundle, "EpisodeOfCare")}
    assert fhir_bundle.resource_id("EpisodeOfCare", inside.pk) in episodes
    assert fhir_bundle.resource_id("EpisodeOfCare", outside.pk) not in episodes
    assert fhir_bundle.resource_id("Patient", outside.client_id) not in {
        p.id for p in _of(bundle, "Patient")
    }


def test_it_gives_the_same_resources_as_each_course_export(service_admin, therapist):
    course = _close(full_course(therapist))
    today = timezone.localdate()
    export = period_export(service_admin, today - datetime.timedelta(days=365), today)
    ids = [e.resource.id for e in export.bundle.entry]
    assert ids == [e.resource.id for e in fhir_bundle.course_bundle(course).entry]


def test_it_builds_in_the_same_number_of_queries_for_one_course_or_three(service_admin, therapist):
    today = timezone.localdate()
    start = today - datetime.timedelta(days=365)
    _close(full_course(therapist))
    with CaptureQueriesContext(connection) as one:
        assert len(period_export(service_admin, start, today).courses) == 1
    _close(full_course(therapist))
    _close(full_course(therapist))
    with CaptureQueriesContext(connection) as three:
        assert len(period_export(service_admin, start, today).courses) == 3
    assert len(three) == len(one)


def test_it_audits_each_client_in_one_insert_with_the_purpose(
    client, service_admin, therapist, other_therapist
):
    ended = [_close(full_course(therapist)), _close(full_course(other_therapist))]
    client.force_login(service_admin)
    with CaptureQueriesContext(connection) as queries:
        _download(client, reason="other", detail="Migration to the trust's EHR")
    inserts = [q for q in queries if q["sql"].startswith("INSERT") and "audit" in q["sql"]]
    assert len(inserts) == 1
    rows = AuditEvent.objects.filter(action="disclosure.fhir", actor=service_admin)
    assert {r.client_id for r in rows} == {c.client_id for c in ended}
    assert all("Migration to the trust's EHR" in r.detail["purpose"] for r in rows)
    assert all(r.detail["export"] == "service_period" for r in rows)


def test_it_needs_a_purpose_and_keeps_the_period_chosen(client, service_admin):
    client.force_login(service_admin)
    response = client.get(URL, {**_period(), "reason": "other"})
    assert response.status_code == 400
    assert b"Say why the data is leaving the service." in response.content
    assert _period()["from"].encode() in response.content
    assert not AuditEvent.objects.filter(action="disclosure.fhir").exists()


def test_it_offers_the_last_full_quarter_by_default(client, service_admin):
    assert last_full_quarter(datetime.date(2026, 11, 30)) == (
        datetime.date(2026, 7, 1),
        datetime.date(2026, 9, 30),
    )
    assert last_full_quarter(datetime.date(2026, 2, 1)) == (
        datetime.date(2025, 10, 1),
        datetime.date(2025, 12, 31),
    )
    client.force_login(service_admin)
    response = client.get(URL)
    start, end = last_full_quarter(timezone.localdate())
    assert response.status_code == 200
    assert f'value="{start.isoformat()}"'.encode() in response.content
    assert f'value="{end.isoformat()}"'.encode() in response.content


@pytest.mark.parametrize("who", ["therapist", "supervisor"])
def test_it_is_a_404_for_anyone_but_the_service_administrator(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(URL, {**_period(), "reason": "continuity"}).status_code == 404
    assert not AuditEvent.objects.filter(action="disclosure.fhir").exists()


def test_it_is_linked_from_the_service_overview(client, service_admin):
    client.force_login(service_admin)
    assert URL.encode() in client.get(reverse("supervision:service")).content


def test_it_says_when_no_course_ended_in_the_period_and_exports_nothing(client, service_admin):
    client.force_login(service_admin)
    before = AuditEvent.objects.filter(action="disclosure.fhir").count()
    response = client.get(URL, {**_period(), "reason": "continuity"})
    assert response.status_code == 200
    assert "Content-Disposition" not in response
    assert "nothing to export" in response.content.decode()
    assert AuditEvent.objects.filter(action="disclosure.fhir").count() == before
