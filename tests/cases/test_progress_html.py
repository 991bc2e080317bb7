"""The course page's progress cells written in Python (cases.progress_html) are byte for byte
what the template cases/includes/progress_cells.html writes, which stays the reference."""

import itertools

from django.template.loader import render_to_string

from cases.course_kinds import CourseDelivery
from cases.models import Course
from cases.models.courses import CourseStatus
from cases.progress_html import CELLS_TEMPLATE, progress_cells_html


def _course(planned: int, attended: int, status: str, delivery: str, maintenance: bool) -> Course:
    course = Course(
        planned_sessions=planned,
        status=status,
        delivery=delivery,
        continues_course_id=1 if maintenance else None,
    )
    course.attended = attended  # as the course page's query annotates it
    return course


def test_it_writes_the_cells_of_every_kind_of_course_as_the_template_does():
    kinds = [
        (CourseDelivery.INDIVIDUAL, False),
        (CourseDelivery.INDIVIDUAL, True),
        (CourseDelivery.GROUP_MEMBER, False),
    ]
    for planned, status, (delivery, maintenance) in itertools.product(
        [1, 2, 3, 5, 8, 12, 16, 20], CourseStatus.values, kinds
    ):
        for attended in range(planned + 4):
            course = _course(planned, attended, status, delivery, maintenance)
            reference = render_to_string(CELLS_TEMPLATE, {"course": course})
            assert str(progress_cells_html(course)) == reference, (planned, attended, status)


def test_it_marks_done_next_and_extra_cells():
    html = str(progress_cells_html(_course(3, 4, "active", CourseDelivery.INDIVIDUAL, False)))
    assert html.count("progress__cell--done") == 4
    assert 'title="Extra session 4, beyond the plan, held"' in html
    html = str(progress_cells_html(_course(3, 1, "active", CourseDelivery.INDIVIDUAL, False)))
    assert 'title="Session 2: Middle, next"' in html and "Session 2, Middle, next</span>" in html
