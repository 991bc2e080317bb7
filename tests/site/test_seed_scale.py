"""``manage.py seed_scale``: a realistic service, built in bulk, with an intact audit chain."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count

from audit import verification
from cases.models import Course
from cases.models.courses import CourseStatus
from measures.models import QuestionnaireResponse, RiskFlag
from sessions.models import NoteStatus, Session

pytestmark = pytest.mark.django_db


def seed(**sizes):
    call_command("seed_scale", **{"clients": 60, "therapists": 5, "supervisors": 2, **sizes})


def test_it_builds_courses_in_every_status_and_phase_with_scored_sessions():
    seed()
    assert Course.objects.count() == 60
    assert set(Course.objects.values_list("status", flat=True)) == set(CourseStatus.values)
    active = Course.objects.filter(status=CourseStatus.ACTIVE).with_progress()
    assert {course.phase for course in active} == {"initial", "middle", "termination"}
    notes = Session.objects.filter(attendance="attended")
    assert notes.filter(status=NoteStatus.SIGNED).exists()
    assert notes.filter(status=NoteStatus.COSIGNED).exists()  # trainees' notes
    assert notes.exclude(note="").count() == notes.count()
    totals = QuestionnaireResponse.objects.values("instrument").annotate(n=Count("id"))
    assert {row["instrument"] for row in totals} == {"phq9", "gad7"}
    for response in QuestionnaireResponse.objects.filter(instrument="phq9")[:50]:
        assert sum(int(value) for value in response.answers.values()) == response.total


def test_it_raises_risk_flags_and_leaves_some_open():
    seed(clients=300)
    assert RiskFlag.objects.filter(closed_at__isnull=False).exists()
    assert RiskFlag.objects.filter(closed_at__isnull=True).exists()


def test_its_audit_rows_continue_the_chain():
    seed()
    result = verification.verify()
    assert result.first_break is None
    assert result.rows > 10 * Course.objects.count()


def test_it_refuses_a_database_that_already_holds_courses(course):
    with pytest.raises(CommandError, match="empty"):
        seed()
