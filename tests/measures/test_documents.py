"""The end-of-treatment summary and the safety plan as PDFs."""

import datetime
import shutil
import subprocess

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from cases.models.courses import CourseStatus
from inventory.models import Formulation
from measures.models import SafetyPlan
from sessions.models import FollowUpPlan, RelapsePreventionPlan
from tests import factories
from tests.measures.factories import make_flag, make_response

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes, tmp_path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext is not installed")
    path = tmp_path / "doc.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True
    ).stdout


@pytest.fixture
def finished_course(therapist):
    client = factories.make_client(
        registered_by=therapist, given_name="Robin", family_name="Ashby", referral_source="Dr Patel"
    )
    course = factories.make_course(
        therapist=therapist,
        client=client,
        planned_sessions=12,
        start_date=datetime.date.today() - datetime.timedelta(weeks=13),
    )
    sessions = [factories.make_session(course) for _ in range(11)]
    for session in sessions[-2:]:  # carried forward unchanged: printed once
        session.gains_reviewed = "Back at work; talks to her sister weekly."
        session.save()
    make_response(course, "phq9", 18, session=sessions[0], on=sessions[0].held_at.date())
    make_response(course, "gad7", 12, session=sessions[0], on=sessions[0].held_at.date())
    make_response(course, "phq9", 6, session=sessions[-1], on=sessions[-1].held_at.date())
    make_response(course, "gad7", 5, session=sessions[-1], on=sessions[-1].held_at.date())
    course.status = CourseStatus.COMPLETED
    course.save()
    Formulation.objects.create(
        course=course,
        number=1,
        primary_area="role_dispute",
        goal_1="Talk with her partner about the evenings",
        author=therapist,
    )
    RelapsePreventionPlan.objects.create(
        course=course, what_to_do="Phone my sister; book a GP visit"
    )
    FollowUpPlan.objects.create(course=course, kind="booster", details="Two booster sessions")
    return course


def test_it_writes_the_summary_as_a_letter_with_scores_and_classification(
    client, therapist, finished_course, tmp_path
):
    client.force_login(therapist)
    response = client.get(reverse("measures:summary_pdf", args=[finished_course.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = pdf_text(response.content, tmp_path)
    assert "Dear colleague" in text and "Dr Patel" in text  # the referrer heads the letter
    assert "11 of 12" in text
    assert text.count("Back at work") == 1
    assert "reliable recovery" in text
    assert "Robin Ashby" in text
    assert "role dispute" in text and "Talk with her partner about the evenings" in text
    assert "Phone my sister; book a GP visit" in text
    assert "Booster sessions" in text and "Two booster sessions" in text
    assert AuditEvent.objects.filter(
        action="pdf.export", object_id=str(finished_course.pk)
    ).exists()


def test_it_contains_no_other_client_s_data(client, therapist, finished_course, tmp_path):
    other = factories.make_course(
        therapist=therapist,
        client=factories.make_client(
            registered_by=therapist, given_name="Zed", family_name="Otherperson"
        ),
    )
    make_response(other, "phq9", 27 - 3, **{"9": "3"})
    client.force_login(therapist)
    text = pdf_text(
        client.get(reverse("measures:summary_pdf", args=[finished_course.pk])).content, tmp_path
    )
    assert "Otherperson" not in text
    assert "24 (severe)" not in text
    assert (
        "PHQ-9 from 18 (Moderately severe) at session 1 to 6 (Mild) at session 11"
        in text.replace("\n", " ").replace("  ", " ")
    )


def test_it_offers_the_summary_only_from_the_termination_phase(client, therapist, course):
    client.force_login(therapist)
    response = client.get(reverse("measures:summary_pdf", args=[course.pk]))
    assert response.status_code == 409
    assert "termination phase" in response.content.decode()
    for _ in range(13):
        factories.make_session(course)  # 16 planned: session 14 is termination
    assert client.get(reverse("measures:summary_pdf", args=[course.pk])).status_code == 200


def test_it_warns_the_referrer_when_a_risk_flag_is_still_open(
    client, therapist, finished_course, tmp_path
):
    make_flag(finished_course)
    client.force_login(therapist)
    text = pdf_text(
        client.get(reverse("measures:summary_pdf", args=[finished_course.pk])).content, tmp_path
    )
    assert "risk flag is still open" in text


def test_it_prints_the_safety_plan(client, therapist, course, tmp_path):
    SafetyPlan.objects.create(
        course=course, coping_strategies="Walk <b>the</b> dog", updated_by=therapist
    )
    client.force_login(therapist)
    response = client.get(reverse("measures:safety_plan_pdf", args=[course.pk]))
    assert response.status_code == 200
    text = pdf_text(response.content, tmp_path)
    assert "Walk <b>the</b> dog" in text  # escaped, not markup
    assert course.client.record_number in text
    assert AuditEvent.objects.filter(
        action="pdf.export", object_type="measures.safetyplan"
    ).exists()


def test_it_says_so_when_there_is_no_safety_plan_to_print(client, therapist, course):
    client.force_login(therapist)
    response = client.get(reverse("measures:safety_plan_pdf", args=[course.pk]))
    assert response.status_code == 404
    assert "no safety plan yet" in response.content.decode()


def test_it_prints_the_decision_on_what_happens_next(client, therapist, tmp_path):
    from cases.services.endings import complete_course

    course = factories.make_course(therapist=therapist, planned_sessions=12)
    sessions = [factories.make_session(course) for _ in range(12)]
    make_response(course, "phq9", 19, session=sessions[0], on=sessions[0].held_at.date())
    make_response(course, "phq9", 17, session=sessions[-1], on=sessions[-1].held_at.date())
    complete_course(
        therapist,
        course,
        decision="refer_on",
        reason="Still at caseness: referred to the community mental health team.",
    )
    client.force_login(therapist)
    text = pdf_text(client.get(reverse("measures:summary_pdf", args=[course.pk])).content, tmp_path)
    flat = " ".join(text.split())
    assert "What happens next" in flat
    assert "Referral on to another service." in flat
    assert "Still at caseness: referred to the community mental health team." in flat


def test_it_prints_the_risk_handover_of_an_early_ending(client, therapist, tmp_path):
    from cases.services.endings import end_course_early

    course = factories.make_course(therapist=therapist, planned_sessions=12)
    factories.make_session(course)
    make_flag(course)
    end_course_early(
        therapist, course, "moved_away", told="Her new GP by phone", arranged="GP sees her Monday"
    )
    client.force_login(therapist)
    text = pdf_text(client.get(reverse("measures:summary_pdf", args=[course.pk])).content, tmp_path)
    flat = " ".join(text.split())
    assert "Told: Her new GP by phone. Arranged: GP sees her Monday" in flat
    assert "risk flag is still open" in flat
