"""import_data reads back the FHIR QuestionnaireResponses the export writes (round trip)."""

import json

import pytest
from django.core.management import CommandError, call_command

from audit.models import AuditEvent
from exports import fhir_bundle
from measures.models import QuestionnaireResponse, RiskFlag
from tests import factories
from tests.exports.builders import full_course

pytestmark = pytest.mark.django_db


def _scores(course):
    return [
        (r.instrument, r.completed_on, r.answers, r.total)
        for r in QuestionnaireResponse.objects.valid()
        .filter(course=course)
        .order_by("completed_on", "instrument", "total")
    ]


@pytest.fixture
def exported(tmp_path, therapist):
    source = full_course(therapist)
    path = tmp_path / "bundle.json"
    path.write_text(fhir_bundle.to_json(fhir_bundle.course_bundle(source)))
    return source, path


def test_it_round_trips_every_questionnaire_into_another_course(exported, therapist):
    source, path = exported
    target = factories.make_course(therapist=therapist)
    call_command("import_data", str(path), by=therapist.username, course=target.pk)
    assert _scores(target) == _scores(source)
    assert len(_scores(target)) == 9
    # The positive item 9 raised a flag on the new course, as entering it by hand would.
    assert RiskFlag.objects.filter(course=target).count() == 1
    event = AuditEvent.objects.get(action="data.import_fhir")
    assert event.client_id == target.client_id and event.detail["added"] == 9


def test_it_finds_the_course_from_the_record_number(exported, therapist):
    source, path = exported
    call_command("import_data", str(path), by=therapist.username)
    # Everything was already on the client's one open course: nothing is added twice.
    assert AuditEvent.objects.get(action="data.import_fhir").detail == {
        "file": "bundle.json",
        "added": 0,
        "skipped": 9,
    }


def test_it_refuses_a_total_that_is_not_the_total_of_the_answers(exported, therapist, tmp_path):
    _, path = exported
    data = json.loads(path.read_text())
    for entry in data["entry"]:
        resource = entry["resource"]
        if resource["resourceType"] == "QuestionnaireResponse":
            resource["item"][0]["item"][-1]["answer"][0]["valueInteger"] = 27
            break
    path.write_text(json.dumps(data))
    target = factories.make_course(therapist=therapist)
    with pytest.raises(CommandError, match="is not the total of its answers"):
        call_command("import_data", str(path), by=therapist.username, course=target.pk)
    assert not QuestionnaireResponse.objects.filter(course=target).exists()


def test_it_refuses_an_import_without_a_clinician(exported, therapist):
    _, path = exported
    with pytest.raises(CommandError, match="--by"):
        call_command("import_data", str(path))
