"""A group member's course is flagged for what applies to it: safety, measures, signing and
lateness, never the individual course's step-by-step checks (formulation shared, focal
worksheets, task review), which the group-session page does not record."""

import datetime

import pytest
from django.utils import timezone

from cases.course_kinds import CourseKind
from cases.models import Course
from measures.queries import outcomes_for
from sessions.models import NoteStatus
from supervision.flags import facts_for, raised, with_flag_facts
from tests import factories
from tests.measures.factories import make_flag

pytestmark = pytest.mark.django_db


def today():
    """Read when a test runs, not at import: a run that crosses midnight stays right."""
    return timezone.localdate()


def flag_keys(course) -> set[str]:
    courses = list(with_flag_facts(Course.objects.filter(pk=course.pk)))
    facts = facts_for(courses, outcomes_for(courses))
    return {flag.key for flag in raised(facts[course.pk])}


def course_in_its_middle(delivery: str):
    """Five signed sessions a week apart, no formulation, no focal work, no task review."""
    first = today() - datetime.timedelta(weeks=4, days=3)
    course = factories.make_course(planned_sessions=12, start_date=first, delivery=delivery)
    for number in range(5):
        when = timezone.make_aware(
            datetime.datetime.combine(first + datetime.timedelta(weeks=number), datetime.time(14))
        )
        factories.make_session(
            course, scheduled_for=when, status=NoteStatus.SIGNED, risk_asked=True
        )
    return course


def test_it_raises_the_individual_step_flags_on_an_individual_course():
    course = course_in_its_middle("individual")
    assert course.kind == CourseKind.ACUTE
    assert {"no_formulation", "middle_no_focus"} <= flag_keys(course)


def test_it_keeps_the_individual_step_flags_off_a_group_members_course():
    course = course_in_its_middle("group_member")
    assert course.kind == CourseKind.GROUP_MEMBER
    keys = flag_keys(course)
    assert not keys & {"no_formulation", "no_task", "no_role_play", "ending"}
    assert not keys & {"middle_no_focus", "task_not_reviewed", "several_areas"}


def test_it_still_raises_open_risk_on_a_group_members_course():
    course = course_in_its_middle("group_member")
    make_flag(course)
    assert "risk" in flag_keys(course)
