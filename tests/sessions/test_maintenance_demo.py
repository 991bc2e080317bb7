"""The demo has a maintenance course after a completed course, and a booster."""

import pytest
from django.core.management import call_command

from cases.models import Course
from measures.queries import outcomes_for
from sessions.boosters import BoosterSession
from supervision.flags import facts_for, raised, with_flag_facts

pytestmark = pytest.mark.django_db


def test_it_seeds_a_monthly_maintenance_course_and_a_booster_once(settings):
    settings.DEBUG = True
    with open("/dev/null", "w") as quiet:
        call_command("seed_demo", stdout=quiet)
        call_command("seed_demo", stdout=quiet)
    course = Course.objects.get(continues_course__isnull=False)
    acute = course.continues_course
    assert acute.client.record_number == "DEMO-1005" and acute.status == "completed"
    assert course.status == "active" and course.cadence_weeks == 4
    session = course.sessions.attended().get()
    assert session.is_signed and session.relapse_plan_reviewed and session.warning_signs_noticed
    assert course.formulations.count() == 1 and course.people.exists()
    assert set(course.questionnaires.values_list("instrument", flat=True)) == {"phq9", "gad7"}
    courses = list(with_flag_facts(Course.objects.filter(pk=course.pk)))
    facts = facts_for(courses, outcomes_for(courses))
    assert [flag.key for flag in raised(facts[course.pk])] == []
    booster = BoosterSession.objects.get()
    assert booster.course.client.record_number == "DEMO-2007"
    assert booster.course.status == "completed"
