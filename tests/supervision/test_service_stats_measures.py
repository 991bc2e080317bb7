"""Service figures read each course's own measures (issue 13, part 3)."""

import datetime

import pytest

from cases.models.courses import CourseStatus
from measures.demo import answers_for
from measures.services import record_response
from supervision.service_stats import Rate, service_figures
from tests import factories

pytestmark = pytest.mark.django_db

START, END = datetime.date(2026, 1, 1), datetime.date(2026, 6, 30)


def ended_course(therapist, adaptation, scores):
    course = factories.make_course(
        therapist=therapist,
        adaptation=adaptation,
        start_date=datetime.date(2026, 1, 5),
        status=CourseStatus.COMPLETED,
        ended_on=datetime.date(2026, 4, 1),
    )
    for _ in range(10):
        factories.make_session(course)
    for code, first, last in scores:
        for total, day in ((first, course.start_date), (last, datetime.date(2026, 3, 20))):
            record_response(
                course=course,
                instrument_code=code,
                answers=answers_for(code, total),
                completed_on=day,
                by=therapist,
            )
    return course


def test_courses_without_a_published_reliable_change_are_left_out_of_those_rates(
    therapist, service_admin
):
    ended_course(therapist, "standard", [("phq9", 16, 8), ("gad7", 12, 6)])
    ended_course(therapist, "ipt_a", [("phqa", 18, 6)])
    ended_course(therapist, "perinatal", [("gad7", 12, 5), ("epds", 10, 10)])
    p = service_figures(service_admin, START, END).period
    assert p.finished_rate == Rate(2, 3)  # the perinatal course has no PHQ-9
    assert p.recovery == Rate(2, 2)  # PHQ-A 18 -> 6 is below its cut-off of 11
    assert p.reliable_improvement == Rate(1, 1)
    assert p.reliable_deterioration == Rate(0, 1)
