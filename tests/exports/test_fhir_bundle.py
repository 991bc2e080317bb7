"""The FHIR export of a course: valid R4 resources whose codes and totals are the course's own."""

import json

import pytest
from fhir.resources.R4B.bundle import Bundle

from exports import fhir_bundle
from exports.fhir_codes import CODES, LOINC
from measures.models import QuestionnaireResponse
from tests.exports.builders import full_course

pytestmark = pytest.mark.django_db


def _resources(bundle, kind):
    return [e.resource for e in bundle.entry if e.resource.get_resource_type() == kind]


def test_it_builds_a_bundle_that_validates_as_fhir_models(therapist):
    course = full_course(therapist)
    text = fhir_bundle.to_json(fhir_bundle.course_bundle(course))
    # The library parses it back: every resource is a valid model.
    parsed = Bundle.model_validate_json(text)
    kinds = {e.resource.get_resource_type() for e in parsed.entry}
    assert kinds == {
        "Patient",
        "EpisodeOfCare",
        "Encounter",
        "QuestionnaireResponse",
        "Observation",
        "Condition",
        "Flag",
        "CarePlan",
    }
    assert len(_resources(parsed, "Encounter")) == 4


def test_it_exports_the_phq9_totals_and_loinc_codes_of_the_course(therapist):
    course = full_course(therapist)
    bundle = fhir_bundle.course_bundle(course)
    ours = list(
        QuestionnaireResponse.objects.valid()
        .filter(course=course, instrument="phq9")
        .order_by("completed_on", "id")
        .values_list("total", flat=True)
    )
    totals = [
        o.valueInteger
        for o in _resources(bundle, "Observation")
        if o.code.coding[0].code == "44261-6"
    ]
    assert totals == ours
    assert all(
        o.code.coding[0].system == LOINC
        for o in _resources(bundle, "Observation")
        if o.code.coding[0].code in {"44261-6", "70274-6"}
    )
    phq9 = [r for r in _resources(bundle, "QuestionnaireResponse") if r.item[0].linkId == "44249-1"]
    assert len(phq9) == len(ours)
    first = phq9[0].item[0].item
    assert [i.linkId for i in first[:9]] == list(CODES["phq9"].items.values())
    assert first[-1].linkId == "44261-6" and first[-1].answer[0].valueInteger == ours[0]
    # Each item's answer code is the LOINC answer of the option chosen.
    response = QuestionnaireResponse.objects.filter(course=course, instrument="phq9").first()
    for key, item in zip(CODES["phq9"].items, first, strict=False):
        assert item.answer[0].valueCoding.code == CODES["phq9"].answers[response.answers[key]]


def test_it_exports_gad7_under_its_loinc_panel_and_total(therapist):
    course = full_course(therapist)
    bundle = fhir_bundle.course_bundle(course)
    gad7 = [r for r in _resources(bundle, "QuestionnaireResponse") if r.item[0].linkId == "69737-5"]
    assert [r.item[0].item[-1].answer[0].valueInteger for r in gad7] == [12, 9, 6, 4]
    assert [i.linkId for i in gad7[0].item[0].item[:7]] == list(CODES["gad7"].items.values())


def test_it_gives_minimal_identifiers_and_the_recorded_diagnosis(therapist):
    course = full_course(therapist)
    course.client.phone = "01632 960123"
    course.client.email = "client@example.org"
    course.client.save()
    data = json.loads(fhir_bundle.to_json(fhir_bundle.course_bundle(course)))
    patient = data["entry"][0]["resource"]
    assert patient["identifier"][0]["value"] == course.client.record_number
    assert "telecom" not in patient and "address" not in patient
    assert "01632" not in json.dumps(data) and "client@example.org" not in json.dumps(data)
    condition = next(
        e["resource"] for e in data["entry"] if e["resource"]["resourceType"] == "Condition"
    )
    assert condition["code"]["coding"][0] == {
        "system": "http://id.who.int/icd/release/11/mms",
        "code": "6A70.1",
        "display": "Depressive episode, moderate",
    }
    flag = next(e["resource"] for e in data["entry"] if e["resource"]["resourceType"] == "Flag")
    assert flag["status"] == "active"
    plan = next(e["resource"] for e in data["entry"] if e["resource"]["resourceType"] == "CarePlan")
    assert "Staying in bed at weekends" in json.dumps(plan)


def test_it_gives_the_same_ids_on_a_second_export(therapist):
    course = full_course(therapist)
    first = [e.fullUrl for e in fhir_bundle.course_bundle(course).entry]
    assert first == [e.fullUrl for e in fhir_bundle.course_bundle(course).entry]
