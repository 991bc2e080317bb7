"""Maintenance courses in the service figures: counted apart from acute courses, by the rule
the rest of the app applies to them (the aim is staying well; only a worsening makes a
maintenance course "not on track").

The world (period 1 January to 30 June 2026), all Tess's, each ended in the period:

| course | kind | attended | PHQ-9 | finished | figures |
|---|---|---|---|---|---|
| A | acute | 12 | 15 -> 5 | yes | caseness, recovery, reliable improvement |
| M1 | maintenance | 6 | 6 -> 5 | yes | stayed well |
| M2 | maintenance | 6 | 5 -> 12 | yes | worsened (up 7), at the cut-off at the end |
| M3 | maintenance | 6 | 4 -> 11 -> 6 | yes | worsened on the way, below the cut-off at the end |
| M4 | maintenance | 1 | 5 -> 6 | no: one session | - |

The acute courses M1-M4 continue ended in 2025, outside the period. Before this, the four
finished courses were counted together: recovery 1 of 1, reliable improvement 1 of 4 and
reliable deterioration 1 of 4, as if holding steady were a failure of treatment.
"""

import datetime

import pytest

from cases.course_kinds import Cadence
from cases.models.courses import CourseStatus
from measures.queries import course_outcome
from supervision.service_stats import Rate, service_figures
from tests import factories
from tests.measures.factories import make_response

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 1, 1)
END = datetime.date(2026, 6, 30)


def finished_course(therapist, last_on, attended, scores, **fields):
    """A completed course with ``attended`` sessions, the last on ``last_on``, and PHQ-9
    ``scores`` spread over it."""
    weeks = 4 if fields.get("continues_course") else 1
    first_on = last_on - datetime.timedelta(weeks=weeks * (attended - 1))
    fields.setdefault("planned_sessions", 12)
    course = factories.make_course(
        therapist=therapist,
        start_date=first_on,
        status=CourseStatus.COMPLETED,
        ended_on=last_on + datetime.timedelta(days=3),
        **fields,
    )
    for number in range(attended):
        factories.make_session(
            course,
            scheduled_for=datetime.datetime.combine(
                first_on + datetime.timedelta(weeks=weeks * number),
                datetime.time(10),
                tzinfo=datetime.UTC,
            ),
        )
    for i, score in enumerate(scores):
        on = first_on + datetime.timedelta(days=i * 7)
        make_response(course, "phq9", score, on=on)
    return course


def maintenance(therapist, last_on, attended, scores):
    acute = finished_course(therapist, datetime.date(2025, 6, 2), 12, [16, 6])
    return finished_course(
        therapist,
        last_on,
        attended,
        scores,
        client=acute.client,
        continues_course=acute,
        cadence_weeks=Cadence.MONTHLY,
    )


@pytest.fixture
def world(therapist):
    acute = finished_course(therapist, datetime.date(2026, 3, 2), 12, [15, 5])
    m1 = maintenance(therapist, datetime.date(2026, 4, 6), 6, [6, 5])
    m2 = maintenance(therapist, datetime.date(2026, 5, 4), 6, [5, 12])
    m3 = maintenance(therapist, datetime.date(2026, 6, 1), 6, [4, 11, 6])
    m4 = maintenance(therapist, datetime.date(2026, 2, 2), 1, [5, 6])
    return {"A": acute, "M1": m1, "M2": m2, "M3": m3, "M4": m4}


def test_it_counts_maintenance_courses_apart_from_acute_courses(world, service_admin):
    figures = service_figures(service_admin, START, END)
    acute = figures.period
    assert acute.ended == 1 and acute.finished == 1
    assert acute.recovery == Rate(1, 1)
    assert acute.reliable_improvement == Rate(1, 1)
    assert acute.reliable_deterioration == Rate(0, 1)
    assert acute.mean_attended == 12.0
    kept = figures.maintenance
    assert kept.ended == 4 and kept.completed == 4
    assert kept.finished_rate == Rate(3, 4)  # M4: one session
    assert kept.mean_attended == 6.0


def test_it_says_which_maintenance_courses_stayed_well(world, service_admin):
    kept = service_figures(service_admin, START, END).maintenance
    assert kept.stayed_well_rate == Rate(1, 3)  # M1
    assert kept.worsened_rate == Rate(2, 3)  # M2, and M3 on the way
    assert kept.unwell_at_end_rate == Rate(1, 3)  # M2


def test_it_reads_worsening_as_the_course_page_does_for_a_maintenance_course(world):
    """'Worsened' is the maintenance course's own "not on track" rule, as the course page and
    the supervisor's dashboard read it."""
    assert [course_outcome(world[name]).not_on_track for name in ("M1", "M2", "M3")] == [
        False,
        True,
        True,
    ]


def test_it_gives_each_therapist_their_maintenance_courses_apart(
    world, service_admin, other_therapist
):
    figures = service_figures(service_admin, START, END)
    tess = next(row for row in figures.therapists if row.therapist == world["A"].therapist)
    assert tess.period.ended == 1 and tess.maintenance.ended == 4
    assert tess.maintenance.stayed_well_rate == Rate(1, 3)
    otto = next(row for row in figures.therapists if row.therapist == other_therapist)
    assert otto.maintenance.stayed_well_rate == Rate(0, 0)


def test_it_shows_the_maintenance_figures_on_the_page(client, world, service_admin):
    client.force_login(service_admin)
    response = client.get("/supervision/service/", {"from": START, "to": END})
    html = response.content.decode()
    assert "Maintenance courses, 1 Jan 2026 to 30 Jun 2026" in html
    assert "<dt>Stayed well</dt><dd>1 of 3 (33%)" in html
    assert "<dt>Worsened during the course</dt><dd>2 of 3 (67%)" in html
    assert "Acute courses across the service" in html


def test_it_says_when_no_maintenance_course_ended(client, therapist, service_admin):
    finished_course(therapist, datetime.date(2026, 3, 2), 12, [15, 5])
    client.force_login(service_admin)
    html = client.get("/supervision/service/", {"from": START, "to": END}).content.decode()
    assert "No maintenance course ended in this period." in html
