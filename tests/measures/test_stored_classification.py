"""Each course's outcome classification is stored on every score write, and is the course
page's own (``course_outcome``): the service figures count thousands of courses from it."""

import datetime

import pytest
from django.utils import timezone

from measures.demo import answers_for
from measures.models import StoredClassification
from measures.queries import course_outcome
from measures.services import record_response, void_response
from tests import factories
from tests.measures.factories import make_response

pytestmark = pytest.mark.django_db


def today():
    """Read when a test runs, not at import: a run that crosses midnight stays right."""
    return timezone.localdate()


SERIES = [
    ("standard", [("phq9", 18), ("gad7", 12), ("phq9", 7), ("gad7", 5)]),  # recovered
    ("standard", [("phq9", 8), ("phq9", 16)]),  # worse
    ("standard", [("phq9", 14)]),  # one score
    ("standard", [("gad7", 14), ("gad7", 4)]),  # anxiety only: not classified
    ("perinatal", [("phq9", 15), ("epds", 16), ("phq9", 6), ("epds", 14)]),  # EPDS still high
    ("ipt_a", [("phqa", 16), ("phqa", 9)]),  # no reliable-change threshold
    ("standard", [("phq9", 12), ("phq9", 20), ("phq9", 11)]),  # worse on the way
]


def stored(course) -> StoredClassification:
    return StoredClassification.objects.get(course=course)


@pytest.mark.parametrize(("adaptation", "scores"), SERIES)
def test_it_stores_the_classification_the_course_page_shows(therapist, adaptation, scores):
    course = factories.make_course(therapist=therapist, adaptation=adaptation)
    for i, (code, total) in enumerate(scores):
        record_response(
            course=course,
            instrument_code=code,
            answers=answers_for(code, total),
            completed_on=today() - datetime.timedelta(days=30 - i),
            by=therapist,
        )
    outcome = course_outcome(course).outcome
    row = stored(course)
    assert (row.adaptation, row.maintenance) == (adaptation, False)
    assert row.enough_data == outcome.enough_data
    assert row.caseness == outcome.caseness
    assert row.recovery == outcome.recovery
    assert row.reliable_improvement == outcome.reliable_improvement
    assert row.reliable_deterioration == outcome.reliable_deterioration


def test_it_stores_a_worsening_at_any_measurement_as_a_maintenance_course_reads_it(therapist):
    """``worsened`` is the maintenance course's "not on track": a reliable rise at some point,
    even when the last score came back down."""
    course = factories.make_course(therapist=therapist)
    for i, total in enumerate([5, 12, 6]):
        make_response(course, "phq9", total, on=today() - datetime.timedelta(days=30 - i))
    row = stored(course)
    assert row.worsened and row.well_at_end
    assert row.reliable_deterioration is False  # first to last: 5 to 6


def test_it_reclassifies_when_a_score_is_voided(therapist):
    course = factories.make_course(therapist=therapist)
    make_response(course, "phq9", 18, on=today() - datetime.timedelta(days=20))
    latest = make_response(course, "phq9", 6, on=today() - datetime.timedelta(days=10))
    assert stored(course).recovery is True
    void_response(latest, by=therapist, reason="Entered against the wrong client")
    row = stored(course)
    assert not row.enough_data and row.recovery is None and row.well_at_end is None
