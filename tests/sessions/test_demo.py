import datetime

import pytest
from django.utils import timezone

from accounts.demo import seed_users
from sessions import demo
from sessions.models import Attendance, NoteStatus, Session
from tests import factories

pytestmark = pytest.mark.django_db


def _scheduled_course(therapist, weeks_ago: int, planned: int = 12):
    # A day short of whole weeks, so which appointments are past does not depend on the hour.
    start = timezone.localdate() - datetime.timedelta(weeks=weeks_ago) + datetime.timedelta(days=1)
    course = factories.make_course(therapist=therapist, start_date=start, planned_sessions=planned)
    for week, day in enumerate(course.planned_dates()):
        when = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
        Session.objects.create(course=course, scheduled_for=when, planned_week=week + 1)
    return course


def test_it_fills_past_appointments_once(settings):
    users = seed_users()
    long_course = _scheduled_course(
        users["therapist1"], weeks_ago=11
    )  # appointments 1-11 past, 12 tomorrow
    trainee_course = _scheduled_course(users["therapist2"], weeks_ago=5)
    demo.seed(users)
    demo.seed(users)

    held = long_course.sessions.attended()
    assert held.count() == 10  # 11 past appointments, one missed
    assert long_course.sessions.filter(attendance=Attendance.DID_NOT_ATTEND).count() == 1
    assert long_course.sessions.filter(attendance=Attendance.SCHEDULED).exists()
    assert held.filter(status=NoteStatus.DRAFT).count() == 1
    assert held.filter(communication_analyses__isnull=False).exists()
    assert held.filter(role_plays__isnull=False).exists()
    assert long_course.relapse_plan.warning_signs
    latest = trainee_course.sessions.attended().order_by("-number").first()
    assert latest.awaiting_cosignature


def test_it_builds_on_the_cases_demo_and_runs_twice(settings):
    from django.core.management import call_command

    from sessions.models import CommunicationAnalysis, RelapsePreventionPlan

    settings.DEBUG = True
    for _ in range(2):
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    held = Session.objects.attended()
    assert held.filter(status=NoteStatus.DRAFT).count() == 1
    awaiting = [s for s in held.filter(status=NoteStatus.SIGNED) if s.awaiting_cosignature]
    # The supervision demo (tests/supervision/test_demo.py) leaves two waiting, both the trainee's.
    assert awaiting and {s.course.therapist.username for s in awaiting} == {"therapist2"}
    # A group session's member entry is a short note without a mood account (groups app).
    individual = held.exclude(course__delivery="group_member", planned_week__gt=1)
    assert not individual.filter(mood_account="").exists()
    assert CommunicationAnalysis.objects.exists() and RelapsePreventionPlan.objects.exists()
    # Signed termination notes show the plan they were signed with (issue 14, F8).
    with_plan = held.filter(course__relapse_plan__isnull=False).select_related("course")
    signed = [s for s in with_plan if s.phase == "termination" and s.is_signed]
    assert signed and all(s.signed_relapse_plan_id for s in signed)
    assert Session.objects.filter(attendance=Attendance.DID_NOT_ATTEND).exists()
