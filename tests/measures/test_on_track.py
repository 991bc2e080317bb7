"""``measures.on_track.on_track_for`` (the caseload's "not on track" tag) gives what the whole
outcome, ``outcomes_for``, gives for courses in every state the rule reads."""

import datetime

import pytest
from django.utils import timezone

from cases.models import Course
from cases.models.courses import CourseStatus
from measures.on_track import on_track_for
from measures.queries import outcomes_for
from measures.services import void_response
from tests import factories
from tests.measures.factories import make_response

pytestmark = pytest.mark.django_db

PHQA_EXTRAS = {"past_year": "no", "thoughts_month": "no", "attempt_ever": "no"}


def _course(therapist, sessions: int, scores, **fields):
    course = factories.make_course(therapist=therapist, **fields)
    for _ in range(sessions):
        factories.make_session(course)
    start = timezone.localdate() - datetime.timedelta(days=100)
    for day, (code, total) in enumerate(scores):
        extra = PHQA_EXTRAS if code == "phqa" else {}
        make_response(course, code, total, on=start + datetime.timedelta(days=day), **extra)
    return course


@pytest.fixture
def varied(therapist):
    made = {
        "improving": _course(therapist, 7, [("phq9", 18), ("gad7", 12), ("phq9", 9)]),
        "flat from session 6": _course(therapist, 6, [("phq9", 15), ("phq9", 14)]),
        "flat before session 6": _course(therapist, 5, [("phq9", 15), ("phq9", 15)]),
        "deteriorated midway": _course(therapist, 3, [("phq9", 8), ("phq9", 14), ("phq9", 7)]),
        "gad7 only worse": _course(therapist, 2, [("phq9", 8), ("gad7", 4), ("gad7", 10)]),
        "no scores": _course(therapist, 9, []),
        "adolescent rise": _course(therapist, 2, [("phqa", 10), ("phqa", 13)], adaptation="ipt_a"),
        "adult with a phqa": _course(therapist, 2, [("phqa", 5), ("phqa", 20)]),
        "perinatal epds": _course(
            therapist, 9, [("epds", 10), ("epds", 10)], adaptation="perinatal"
        ),
        "planned": _course(therapist, 0, [], status=CourseStatus.PLANNED),
    }
    acute = factories.make_course(therapist=therapist, status=CourseStatus.COMPLETED)
    made["maintenance flat"] = _course(
        therapist, 8, [("phq9", 4), ("phq9", 4)], continues_course=acute, cadence_weeks=4
    )
    made["maintenance worse"] = _course(
        therapist, 2, [("phq9", 3), ("phq9", 12)], continues_course=acute, cadence_weeks=4
    )
    voided = _course(therapist, 2, [("phq9", 5), ("phq9", 15)])
    void_response(voided.questionnaires.valid().order_by("-completed_on").first(), by=therapist,
                  reason="Entered on the wrong client.")  # fmt: skip
    made["worse, then voided"] = voided
    return made


def _listed(therapist) -> list:
    return list(Course.objects.visible_to(therapist).with_progress(timezone.now()))


def test_it_gives_what_the_whole_outcome_gives(therapist, varied):
    whole = {pk: facts.not_on_track for pk, facts in outcomes_for(_listed(therapist)).items()}
    courses = _listed(therapist)
    on_track_for(courses)
    light = {course.pk: course.outcome_facts.not_on_track for course in courses}
    assert light == whole
    # The states above include both answers, so the comparison means something.
    by_name = {name: light[course.pk] for name, course in varied.items()}
    assert by_name["improving"] is False
    assert by_name["flat from session 6"] is True
    assert by_name["flat before session 6"] is False
    assert by_name["deteriorated midway"] is True
    assert by_name["gad7 only worse"] is True
    assert by_name["no scores"] is False
    assert by_name["adolescent rise"] is True
    assert by_name["adult with a phqa"] is False
    assert by_name["perinatal epds"] is True
    assert by_name["maintenance flat"] is False
    assert by_name["maintenance worse"] is True
    assert by_name["worse, then voided"] is False


def test_it_reads_all_courses_in_one_query(therapist, varied, django_assert_num_queries):
    courses = _listed(therapist)
    with django_assert_num_queries(1):
        on_track_for(courses)
    with django_assert_num_queries(0):
        on_track_for([])
