"""A subject access request: the whole record, a recorded redaction step, audited downloads."""

import json

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from exports import subject_access
from exports.models import SubjectAccessRequest
from sessions.models import Addendum
from supervision.models import SupervisorComment
from tests import factories
from tests.exports.builders import full_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def record(therapist, supervisor):
    course = full_course(therapist)
    session = course.sessions.attended().first()
    session.note = "Talked about the move to a new flat."
    session.save()
    Addendum.objects.create(
        session=session, text="Correction: the move is in June.", author=therapist
    )
    factories.make_person(course, name="Jordan Neighbour")
    comment = SupervisorComment.objects.create(
        course=course, session=session, author=supervisor, text="Consider the grief focus more."
    )
    return course, comment


def _open(client, course):
    response = client.post(
        f"/clients/{course.client_id}/subject-access/",
        {"reference": "SAR-2026-014", "received_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    return SubjectAccessRequest.objects.get(reference="SAR-2026-014")


def test_it_gathers_every_kind_of_record_of_the_client(record):
    course, _ = record
    whole = subject_access.gather(course.client)
    kinds = {s.model_label for s in whole.sections}
    assert {
        "cases.course",
        "session_logs.session",
        "session_logs.addendum",
        "session_logs.relapsepreventionplan",
        "measures.questionnaireresponse",
        "measures.riskflag",
        "inventory.person",
        "supervision.supervisorcomment",
    } <= kinds
    text = json.dumps(whole.as_data(), default=str)
    assert "Correction: the move is in June." in text and "new flat" in text


def test_it_withholds_what_the_review_names_and_says_why(client, service_admin, record):
    course, comment = record
    client.force_login(service_admin)
    sar = _open(client, course)
    page = client.get(f"/subject-access/{sar.pk}/")
    rows = page.context["form"].rows
    index = next(
        i for i, row in enumerate(rows) if row[0] == f"supervision.supervisorcomment:{comment.pk}"
    )
    response = client.post(
        f"/subject-access/{sar.pk}/",
        {f"withhold_{index}": "on", f"reason_{index}": "Supervisor's opinion, not part of care"},
    )
    assert response.status_code == 302
    sar.refresh_from_db()
    assert sar.withheld == [
        {
            "record": f"supervision.supervisorcomment:{comment.pk}",
            "kind": "Supervisor's comment",
            "reason": "Supervisor's opinion, not part of care",
        }
    ]
    data = json.loads(client.get(f"/subject-access/{sar.pk}/record.json").content)
    assert data["reference"] == "SAR-2026-014"
    assert "Consider the grief focus more." not in json.dumps(data)
    assert data["withheld"][0]["reason"] == "Supervisor's opinion, not part of care"
    assert "Jordan Neighbour" in json.dumps(data)  # not withheld, so released
    assert any(entry["action"] == "sar.redact" for entry in data["access_log"])
    redact = AuditEvent.objects.get(action="sar.redact")
    assert redact.detail["reference"] == "SAR-2026-014" and redact.client_id == course.client_id


def test_it_needs_a_reason_for_each_withheld_record(client, service_admin, record):
    course, _ = record
    client.force_login(service_admin)
    sar = _open(client, course)
    response = client.post(f"/subject-access/{sar.pk}/", {"withhold_0": "on", "reason_0": ""})
    assert response.status_code == 400
    assert b"Give the reason this is withheld." in response.content
    sar.refresh_from_db()
    assert sar.reviewed_at is None


def test_it_refuses_a_download_before_the_review(client, service_admin, record):
    course, _ = record
    client.force_login(service_admin)
    sar = _open(client, course)
    assert client.get(f"/subject-access/{sar.pk}/record.json").status_code == 409
    assert not AuditEvent.objects.filter(action="disclosure.sar").exists()


def test_it_renders_the_pdf_and_audits_it_with_the_reference(client, service_admin, record):
    course, _ = record
    client.force_login(service_admin)
    sar = _open(client, course)
    client.post(f"/subject-access/{sar.pk}/", {})
    response = client.get(f"/subject-access/{sar.pk}/record.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    event = AuditEvent.objects.get(action="disclosure.sar")
    assert event.detail["reference"] == "SAR-2026-014" and event.detail["format"] == "pdf"
    assert event.client_id == course.client_id


@pytest.mark.parametrize("who", ["therapist", "supervisor", "other_therapist"])
def test_it_is_a_404_for_anyone_but_the_service_administrator(
    client, request, who, record, service_admin
):
    course, _ = record
    client.force_login(service_admin)
    sar = _open(client, course)
    client.post(f"/subject-access/{sar.pk}/", {})
    client.force_login(request.getfixturevalue(who))
    assert client.get(f"/clients/{course.client_id}/subject-access/").status_code == 404
    post = client.post(
        f"/clients/{course.client_id}/subject-access/",
        {"reference": "X", "received_on": timezone.localdate().isoformat()},
    )
    assert post.status_code == 404
    assert client.post(f"/subject-access/{sar.pk}/", {}).status_code == 404
    assert client.get(f"/subject-access/{sar.pk}/record.json").status_code == 404
    assert SubjectAccessRequest.objects.count() == 1


def test_it_links_the_request_from_the_client_page_for_the_administrator(
    client, service_admin, therapist
):
    course = factories.make_course(therapist=therapist)
    client.force_login(service_admin)
    page = client.get(f"/clients/{course.client_id}/")
    assert f'href="/clients/{course.client_id}/subject-access/"'.encode() in page.content
    client.force_login(therapist)
    assert b"subject-access" not in client.get(f"/clients/{course.client_id}/").content


def test_it_puts_up_for_review_any_record_that_names_someone_on_the_inventory(
    client, service_admin, therapist
):
    """Third parties are looked for in every record's free text, not only in the inventory:
    a note that names the client's sister goes up for review, one that names no one does not."""
    course = factories.make_course(therapist)
    factories.make_person(course, name="Maria Lopez")
    factories.make_person(course, name="the boss")
    naming = factories.make_session(course, note="Argued with maria about the flat.")
    by_label = factories.make_session(course, note="Her Boss shouted at her again.")
    plain = factories.make_session(course, note="Low week; the task went well.")
    mariana = factories.make_session(course, note="Mariana from the group rang.")

    whole = subject_access.gather(course.client)
    flagged = {key: kind for key, kind, _summary in whole.reviewable}
    assert flagged[f"session_logs.session:{naming.pk}"] == (
        "Names another person (third party): Maria"
    )
    assert flagged[f"session_logs.session:{by_label.pk}"].endswith(": Boss")
    assert f"session_logs.session:{plain.pk}" not in flagged  # "the" names no one
    assert f"session_logs.session:{mariana.pk}" not in flagged  # whole words only

    client.force_login(service_admin)
    sar = _open(client, course)
    page = client.get(f"/subject-access/{sar.pk}/")
    assert b"Names another person (third party): Maria" in page.content
    index = next(
        i
        for i, row in enumerate(page.context["form"].rows)
        if row[0] == f"session_logs.session:{naming.pk}"
    )
    client.post(
        f"/subject-access/{sar.pk}/",
        {f"withhold_{index}": "on", f"reason_{index}": "Names her sister, who has not agreed"},
    )
    data = json.loads(client.get(f"/subject-access/{sar.pk}/record.json").content)
    assert "Argued with maria" not in json.dumps(data)
    assert "Low week; the task went well." in json.dumps(data)
