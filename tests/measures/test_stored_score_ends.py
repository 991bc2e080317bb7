"""Each course's first and latest score per measure is stored, and stays current on write.

The service figures classify thousands of courses from these rows (``first_and_latest``), so
they must always be what a walk over the course's valid responses would find: after a new
questionnaire (even one dated before the others), a void, a correction (void and re-record)
and an archive.
"""

import datetime

import pytest
from django.utils import timezone

from cases.outcomes import classify_series, plan_for
from cases.services.clients import archive_client
from measures import instruments
from measures.models import MeasureEnds
from measures.queries import classified_outcomes_for, course_outcome, first_and_latest
from measures.scores import rebuild_ends
from measures.services import void_response
from tests import factories
from tests.measures.factories import make_response

pytestmark = pytest.mark.django_db


def today():
    """Read when a test runs, not at import: a run that crosses midnight stays right."""
    return timezone.localdate()


def day(n: int) -> datetime.date:
    return today() - datetime.timedelta(days=40 - n)


def stored(course) -> dict[str, tuple[int, int, int]]:
    return {
        row.instrument: (row.first_total, row.latest_total, row.count)
        for row in MeasureEnds.objects.filter(course=course, count__gt=0)
    }


def test_it_stores_the_first_and_latest_score_of_each_measure_when_one_is_recorded(course):
    make_response(course, "phq9", 18, on=day(1))
    assert stored(course) == {"phq9": (18, 18, 1)}
    make_response(course, "phq9", 12, on=day(8))
    make_response(course, "gad7", 11, on=day(8))
    make_response(course, "phq9", 7, on=day(15))
    assert stored(course) == {"phq9": (18, 7, 3), "gad7": (11, 11, 1)}


def test_it_orders_a_questionnaire_entered_late_by_the_day_it_was_completed(course):
    make_response(course, "phq9", 12, on=day(8))
    make_response(course, "phq9", 20, on=day(1))  # the intake score, typed in afterwards
    assert stored(course) == {"phq9": (20, 12, 2)}


def test_it_updates_the_stored_scores_when_a_questionnaire_is_voided(course, therapist):
    make_response(course, "phq9", 18, on=day(1))
    latest = make_response(course, "phq9", 6, on=day(8))
    void_response(latest, by=therapist, reason="Entered against the wrong client")
    assert stored(course) == {"phq9": (18, 18, 1)}


def test_it_drops_the_measure_when_its_only_questionnaire_is_voided(course, therapist):
    only = make_response(course, "gad7", 9, on=day(1))
    void_response(only, by=therapist, reason="Entered in error")
    assert stored(course) == {}
    assert first_and_latest([course.pk]) == {}
    # Emptied, not deleted: the runtime role may not delete from clinical tables.
    assert MeasureEnds.objects.filter(course=course, count=0, first_total=None).exists()


def test_it_follows_a_correction_voided_and_recorded_again(course, therapist):
    make_response(course, "phq9", 18, on=day(1))
    wrong = make_response(course, "phq9", 16, on=day(8))
    void_response(wrong, by=therapist, reason="Item 3 misread")
    make_response(course, "phq9", 9, on=day(8))
    assert stored(course) == {"phq9": (18, 9, 2)}


def test_it_keeps_the_stored_scores_when_the_client_is_archived(therapist):
    course = factories.make_course(therapist, status="completed")
    make_response(course, "phq9", 18, on=day(1))
    make_response(course, "phq9", 8, on=day(8))
    archive_client(therapist, course.client, "Moved out of the area")
    assert stored(course) == {"phq9": (18, 8, 2)}


def test_it_classifies_from_the_stored_scores_as_from_every_response(therapist):
    """Clinically identical: the service figures' classification (stored ends) equals the
    course page's (every valid response, in order) for a mix of series."""
    series = [
        [("phq9", 20, 1), ("gad7", 15, 1), ("phq9", 14, 8), ("gad7", 9, 8), ("phq9", 6, 15)],
        [("phq9", 8, 1), ("phq9", 17, 8)],
        [("phq9", 12, 1)],
        [("gad7", 14, 1), ("gad7", 4, 9)],
        [("phq9", 16, 1), ("phq9", 10, 5), ("phq9", 15, 12), ("gad7", 3, 12)],
    ]
    courses = []
    for rows in series:
        course = factories.make_course(therapist)
        for code, total, n in rows:
            make_response(course, code, total, on=day(n))
        courses.append(course)
    summaries = classified_outcomes_for(courses)
    thresholds = instruments.thresholds()
    for course in courses:
        full = course_outcome(course).outcome
        assert summaries[course.pk].outcome == full
        walked = {}
        for response in course.questionnaires.valid():
            walked.setdefault(response.instrument, []).append(response.total)
        assert classify_series(plan_for(course.adaptation), thresholds, walked) == full


def test_it_rebuilds_the_same_rows_it_keeps_on_write(course, therapist):
    make_response(course, "phq9", 18, on=day(1))
    make_response(course, "gad7", 12, on=day(1))
    voided = make_response(course, "phq9", 3, on=day(8))
    void_response(voided, by=therapist, reason="Entered in error")
    make_response(course, "phq9", 10, on=day(15))
    kept = stored(course)
    MeasureEnds.objects.filter(course=course).update(first_total=1, latest_total=1, count=9)
    assert rebuild_ends([course.pk]) == 2
    assert stored(course) == kept == {"phq9": (18, 10, 2), "gad7": (12, 12, 1)}
