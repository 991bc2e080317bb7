"""Shared by the tests of the documents written for the client (leaflet, diary sheet, client
copy of the formulation, staying-well plan): a course whose record holds every kind of
clinician-only content, the strings that must never reach a client document, and PDF text."""

import datetime
import shutil
import subprocess

import pytest

from measures.models import RiskLevel
from sessions.models import FollowUpPlan, RelapsePreventionPlan
from sessions.models import RiskLevel as NoteRiskLevel
from supervision.models import SupervisorComment
from tests import factories
from tests.measures.factories import make_flag, make_response

# Written into the clinical record by ``course_with_clinical_record``; none may appear in a
# client document. Measure bands ("Severe", "Moderately severe") count as clinical: the client
# documents show no scores or bands at all.
CLINICIAN_ONLY = [
    "Recurrent depressive disorder",  # diagnosis
    "6A71",  # ICD-11 code
    "F33",  # ICD-10 code, written into the diagnosis text
    "Sertraline",  # medication note
    "Passive thoughts of death",  # the session note's risk action
    "SUPERVISOR-REMARK",  # supervisor comments on the note and the formulation
    "PHQ",
    "GAD",
    "Severe",
    "severe",
    "risk",
    "Risk",
    "WORKSHEET-ONLY",  # the clinician's focal-area worksheet
    "INVENTORY-CONFLICT",  # the inventory's conflict notes
    "FOLLOW-UP-DETAILS",  # the clinician's follow-up plan details
    "Confidential clinical record",
    "Role dispute",  # the clinical name of the focal area
    "Interpersonal deficits",
    "role dispute",
    "interpersonal inventory",
]


def pdf_text(content: bytes, tmp_path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext is not installed")
    path = tmp_path / "doc.pdf"
    path.write_bytes(content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    return " ".join(text.split())  # one line: sentences wrapped across lines still match


def assert_nothing_clinical(text: str, course) -> None:
    leaked = [s for s in [*CLINICIAN_ONLY, course.client.record_number] if s in text]
    assert not leaked, f"Clinician-only content in a client document: {leaked}"


def course_with_clinical_record(therapist, supervisor, **course_fields):
    """A course in its ending with a diagnosis, scores, a risk flag, supervisor comments, a
    worksheet, an inventory and a relapse-prevention plan: everything a client copy leaves out."""
    client = factories.make_client(
        registered_by=therapist, given_name="Robin", family_name="Ashby", preferred_name="Rob"
    )
    course_fields.setdefault("planned_sessions", 12)
    course_fields.setdefault("start_date", datetime.date.today() - datetime.timedelta(weeks=10))
    course = factories.make_course(
        therapist=therapist,
        client=client,
        diagnosis="Recurrent depressive disorder (F33.1)",
        icd11_code="6A71",
        medication_note="Sertraline 100 mg",
        **course_fields,
    )
    session = factories.make_session(
        course,
        risk_asked=True,
        risk_level=NoteRiskLevel.MODERATE,
        risk_action="Passive thoughts of death",
    )
    make_response(course, "phq9", 22, session=session)
    make_response(course, "gad7", 17, session=session)
    make_flag(course, level=RiskLevel.MODERATE, reason="Passive thoughts of death")
    person = factories.make_person(course, name="Sam", conflict="INVENTORY-CONFLICT rows")
    formulation = factories.make_formulation(
        course,
        primary_area="role_dispute",
        secondary_area="interpersonal_deficits",
        plain_words="Things got hard when the arguments with Sam about money started.",
        goal_1="Tell Sam calmly what I need at weekends",
        goal_2="See a friend once a week",
        worksheet={"role_dispute": {"other_person": "WORKSHEET-ONLY Sam"}},
        shared_on=datetime.date.today(),
        client_agreed=True,
    )
    for target in ({"session": session}, {"formulation": formulation}):
        SupervisorComment.objects.create(
            course=course, author=supervisor, text="SUPERVISOR-REMARK check risk", **target
        )
    RelapsePreventionPlan.objects.create(
        course=course,
        warning_signs="Staying in bed at weekends",
        stressors="Christmas with Sam's family",
        what_helped="Walking with my sister",
        what_to_do="Phone my sister; book a GP visit",
        who_to_contact="My sister Jo; my GP",
    )
    FollowUpPlan.objects.create(
        course=course,
        kind="booster",
        details="FOLLOW-UP-DETAILS: PHQ-9 still moderate",
        follow_up_date=datetime.date(2027, 3, 4),
    )
    assert person.pk
    return course
