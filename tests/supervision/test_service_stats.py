"""The service figures, checked against numbers worked out by hand.

The world (period 1 January to 30 June 2026):

| course | therapist | ended | attended | scores | finished? | outcome |
|---|---|---|---|---|---|---|
| A1 | Tess | completed 10 Mar | 12 (+1 DNA, +1 void) | PHQ-9 15 -> 5 | yes | caseness, recovery, reliable improvement |
| A2 | Tess | completed 1 Apr | 10 | PHQ-9 8 -> 16 | yes | not at caseness, reliable deterioration |
| A3 | Tess | early 1 Feb, dropped out | 1 | PHQ-9 18 -> 10 | no: one session | - |
| A4 | Tess | early 5 May, moved away | 4 | PHQ-9 20 only | no: not paired | - |
| B1 | Otto | completed 30 Jun | 16 | GAD-7 12 -> 9, no PHQ-9 | no: depression measure not paired | - |
| B2 | Otto | early 3 Mar, dropped out | 4 | PHQ-9 12 -> 7, GAD-7 9 -> 11 | yes | caseness, no recovery, no change |
| X1, X2 | Tess | 31 Dec 2025, 1 Jul 2026 | 6 | PHQ-9 15 -> 3 | outside the period | - |
"""

import datetime

import pytest
from django.utils import timezone

from cases.models.courses import CourseStatus, EndReason
from sessions.models import Attendance
from supervision.service_stats import Rate, service_figures
from tests import factories
from tests.measures.factories import make_response

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 1, 1)
END = datetime.date(2026, 6, 30)


def make_course(therapist, attended=0, scores=(), **fields):
    """A course with ``attended`` sessions and ``scores`` = [(instrument, first, last|None)]."""
    fields.setdefault("start_date", datetime.date(2025, 10, 6))
    if fields.get("status") == CourseStatus.ENDED_EARLY:
        fields.setdefault("end_reason", EndReason.DROPPED_OUT)
    course = factories.make_course(therapist=therapist, **fields)
    for _ in range(attended):
        factories.make_session(course)
    for instrument, first, last in scores:
        make_response(course, instrument, first, on=course.start_date)
        if last is not None:
            make_response(
                course, instrument, last, on=course.start_date + datetime.timedelta(weeks=10)
            )
    return course


def ended(therapist, on, attended, scores, status=CourseStatus.COMPLETED, **fields):
    """A course whose last attended session was on ``on`` (its clinical end), written up and
    closed in the app a week later: the period counts the clinical end."""
    fields.setdefault("start_date", on - datetime.timedelta(weeks=max(attended, 1) - 1))
    closed = on + datetime.timedelta(weeks=1)
    return make_course(therapist, attended, scores, status=status, ended_on=closed, **fields)


@pytest.fixture
def world(therapist, other_therapist):
    a1 = ended(therapist, datetime.date(2026, 3, 10), 12, [("phq9", 15, 5)])
    factories.make_session(a1, attendance=Attendance.DID_NOT_ATTEND)
    factories.make_session(a1, voided_at=timezone.now(), void_reason="Twice", number=None)
    ended(therapist, datetime.date(2026, 4, 1), 10, [("phq9", 8, 16)])
    early = CourseStatus.ENDED_EARLY
    ended(therapist, datetime.date(2026, 2, 1), 1, [("phq9", 18, 10)], early)
    ended(
        therapist,
        datetime.date(2026, 5, 5),
        4,
        [("phq9", 20, None)],
        early,
        end_reason=EndReason.MOVED_AWAY,
    )
    ended(other_therapist, datetime.date(2026, 6, 30), 16, [("gad7", 12, 9)])
    ended(other_therapist, datetime.date(2026, 3, 3), 4, [("phq9", 12, 7), ("gad7", 9, 11)], early)
    for day in (datetime.date(2025, 12, 31), datetime.date(2026, 7, 1)):
        ended(therapist, day, 6, [("phq9", 15, 3)])
    # Running now: Tess one initial (no session yet) and one middle (5 held, next is 6 of 16),
    # one planned; Otto one in termination (13 held, next is 14 of 16).
    make_course(therapist, 0)
    make_course(therapist, 5)
    make_course(therapist, 0, status=CourseStatus.PLANNED)
    make_course(other_therapist, 13)
    return {"tess": therapist, "otto": other_therapist}


def test_it_counts_active_courses_by_phase(world, service_admin):
    figures = service_figures(service_admin, START, END)
    assert [(p.phase, p.count) for p in figures.running.phases] == [
        ("initial", 1),
        ("middle", 1),
        ("termination", 1),
    ]
    assert figures.running.active == 3 and figures.running.planned == 1


def test_it_applies_the_finished_rule_and_the_outcome_definitions(world, service_admin):
    p = service_figures(service_admin, START, END).period
    assert p.ended == 6 and p.completed == 3
    assert p.finished_rate == Rate(3, 6)
    assert p.at_caseness == 2
    assert p.recovery == Rate(1, 2)
    assert p.reliable_improvement == Rate(1, 3)
    assert p.reliable_deterioration == Rate(1, 3)
    assert p.mean_attended == 8.7  # (12 + 10 + 4) / 3: the DNA and the void don't count
    assert p.ended_early == Rate(3, 6)
    assert p.end_reasons == [("Dropped out", 2), ("Moved away", 1)]


def test_it_gives_the_same_figures_per_therapist(world, service_admin):
    rows = {row.therapist.pk: row for row in service_figures(service_admin, START, END).therapists}
    tess, otto = rows[world["tess"].pk], rows[world["otto"].pk]
    assert [p.count for p in tess.running.phases] == [1, 1, 0] and tess.running.planned == 1
    assert tess.period.ended == 4
    assert tess.period.finished_rate == Rate(2, 4)
    assert tess.period.recovery == Rate(1, 1)
    assert tess.period.reliable_improvement == Rate(1, 2)
    assert tess.period.reliable_deterioration == Rate(1, 2)
    assert tess.period.mean_attended == 11.0
    assert tess.period.ended_early == Rate(2, 4)
    assert tess.period.end_reasons == [("Dropped out", 1), ("Moved away", 1)]
    assert [p.count for p in otto.running.phases] == [0, 0, 1]
    assert otto.period.finished_rate == Rate(1, 2)  # B1 has GAD-7 only: not classified
    assert otto.period.recovery == Rate(0, 1)
    assert otto.period.reliable_improvement == Rate(0, 1)
    assert otto.period.mean_attended == 4.0
    assert otto.period.end_reasons == [("Dropped out", 1)]


def test_it_lists_every_therapist_even_without_courses(world, supervisor, service_admin):
    newcomer = factories.make_therapist(first_name="Nina", last_name="New")
    gone = factories.make_therapist(is_active=False)
    people = [row.therapist for row in service_figures(service_admin, START, END).therapists]
    assert newcomer in people and gone not in people
    assert supervisor not in people and service_admin not in people
    row = next(
        row
        for row in service_figures(service_admin, START, END).therapists
        if row.therapist == newcomer
    )
    assert row.period.finished_rate == Rate(0, 0) and row.period.mean_attended is None


def test_a_rate_shows_its_denominator():
    assert str(Rate(1, 3)) == "1 of 3 (33%)"
    assert str(Rate(0, 0)) == "no courses to count"
    assert Rate(2, 4).percent == 50


def test_it_costs_the_same_queries_for_one_course_or_many(
    therapist, django_assert_num_queries, service_admin
):
    day = datetime.date(2026, 3, 2)
    ended(therapist, day, 3, [("phq9", 15, 5)])
    make_course(therapist, 2)
    with django_assert_num_queries(3):
        service_figures(service_admin, START, END)
    for n in range(6):
        someone = factories.make_therapist()
        ended(someone, day, 2 + n, [("phq9", 15, 10 - n), ("gad7", 10, 4)])
        make_course(someone, n)
    with django_assert_num_queries(3):
        figures = service_figures(service_admin, START, END)
    assert figures.period.finished == 7
