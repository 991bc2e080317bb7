"""Each course's outcome is read from its own adaptation's measures (issue 13, part 3).

The two courses from the issue: an IPT-A course whose PHQ-A rose from 15 to 24 showed no flag
and "not enough data"; a perinatal course with the EPDS stuck at 10 and no PHQ-9 was called a
"reliable recovery" because its GAD-7 fell, on screen and in the letter to the referrer.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Course
from cases.models.courses import CourseStatus
from measures.demo import answers_for
from measures.queries import outcomes_for
from measures.services import record_response
from supervision.flags import facts_for, raised, with_flag_facts
from tests import factories
from tests.measures.test_documents import pdf_text

pytestmark = pytest.mark.django_db


def today():
    """Read when a test runs, not at import: a run that crosses midnight stays right."""
    return timezone.localdate()


def score(course, code, total, session):
    record_response(
        course=course,
        instrument_code=code,
        answers=answers_for(code, total),
        completed_on=session.held_at.date(),
        session=session,
        by=course.therapist,
    )


def course_scored(therapist, adaptation, series, attended=3, **fields):
    """A course of ``adaptation`` with ``series`` ({session number: {code: total}}) recorded."""
    course = factories.make_course(
        therapist=therapist,
        adaptation=adaptation,
        start_date=today() - datetime.timedelta(weeks=attended + 1),
        **fields,
    )
    sessions = {n: factories.make_session(course) for n in range(1, attended + 1)}
    for number, totals in series.items():
        for code, total in totals.items():
            score(course, code, total, sessions[number])
    return course


@pytest.fixture
def adolescent(therapist):
    return course_scored(therapist, "ipt_a", {1: {"phqa": 15}, 3: {"phqa": 24}})


@pytest.fixture
def perinatal(therapist):
    return course_scored(
        therapist,
        "perinatal",
        {1: {"epds": 10, "gad7": 12}, 3: {"epds": 10, "gad7": 7}},
    )


def dashboard_flags(course) -> set[str]:
    courses = list(with_flag_facts(Course.objects.filter(pk=course.pk)))
    facts = facts_for(courses, outcomes_for(courses))
    return {flag.key for flag in raised(facts[course.pk])}


# IPT-A: PHQ-A 15 -> 24 ---------------------------------------------------------------------


def test_it_flags_an_adolescent_whose_phqa_rose_from_15_to_24(adolescent):
    facts = outcomes_for([adolescent])[adolescent.pk]
    assert facts.not_on_track
    assert facts.outcome.enough_data
    assert facts.outcome.summary != "Not enough data"
    depression = facts.outcome.depression
    assert (depression.label, depression.first, depression.last) == ("PHQ-A", 15, 24)


def test_the_supervisor_sees_the_adolescent_not_on_track(adolescent):
    assert "not_on_track" in dashboard_flags(adolescent)


def test_the_course_page_shows_the_phqa_change_and_the_flag(client, therapist, adolescent):
    client.force_login(therapist)
    html = client.get(reverse("cases:course_detail", args=[adolescent.pk])).content.decode()
    assert 'data-testid="not-on-track"' in html
    assert "Not enough data" not in html
    assert "PHQ-A" in html and "15" in html and "24" in html


# Perinatal: EPDS 10 -> 10, no PHQ-9, GAD-7 12 -> 7 -------------------------------------------


def test_it_does_not_call_a_perinatal_course_recovered_on_gad7_without_a_phq9(perinatal):
    outcome = outcomes_for([perinatal])[perinatal.pk].outcome
    assert not outcome.recovery
    assert not outcome.reliable_recovery
    assert "recovery" not in outcome.summary.lower()
    assert "PHQ-9" in outcome.summary
    epds = next(change for change in outcome.tracked if change.code == "epds")
    assert (epds.first, epds.last, epds.change) == (10, 10, 0)


def test_the_letter_names_the_measures_and_numbers_and_claims_no_recovery(
    client, therapist, perinatal, tmp_path
):
    perinatal.status = CourseStatus.COMPLETED
    perinatal.save()
    client.force_login(therapist)
    response = client.get(reverse("measures:summary_pdf", args=[perinatal.pk]))
    text = " ".join(pdf_text(response.content, tmp_path).split())
    assert "recovery" not in text.lower()
    assert "PHQ-9" in text and "EPDS" in text and "GAD-7" in text
    assert "no PHQ-9" in text or "PHQ-9 was not" in text


# One way in, everywhere ----------------------------------------------------------------------


def test_the_page_the_letter_and_the_lists_read_the_same_outcome(perinatal, adolescent):
    from measures.queries import course_outcome
    from measures.reporting import outcome_report

    for course in (perinatal, adolescent):
        single = course_outcome(course)
        assert single.outcome == outcome_report(course).facts.outcome
        assert single.outcome == outcomes_for([course])[course.pk].outcome
        assert single.outcome.summary == outcome_report(course).facts.outcome.summary
        assert single.not_on_track == outcome_report(course).facts.not_on_track


def test_a_child_course_offers_the_smfq_form_and_says_to_ask_about_risk(client, therapist):
    course = factories.make_course(therapist=therapist, adaptation="fb_ipt")
    client.force_login(therapist)
    html = client.get(reverse("measures:response_new", args=[course.pk])).content.decode()
    assert "Short Mood and Feelings Questionnaire" in html
    assert "I felt miserable or unhappy" in html and "Not true" in html
    assert 'data-testid="no-risk-item"' in html  # the SMFQ asks nothing about self-harm
    phq9 = client.get(reverse("measures:response_new", args=[course.pk]) + "?instrument=phq9")
    assert 'data-testid="no-risk-item"' not in phq9.content.decode()
    page = client.get(reverse("cases:course_detail", args=[course.pk])).content.decode()
    assert "Add SMFQ" in page and "a first and a later SMFQ" in page
