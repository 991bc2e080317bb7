"""A short course is judged by its own phases: its initial phase ends sooner, and so on."""

import pytest

from cases.models import Course
from supervision.fidelity import fidelity_items
from tests import factories
from tests.supervision.test_flags import course_with, flag_keys

pytestmark = pytest.mark.django_db


def test_a_four_session_course_expects_its_formulation_after_session_1(therapist):
    course, _ = course_with(1, planned=4, length_reason="Brief intervention agreed")
    assert "no_formulation" in flag_keys(course)
    items = {item.key: item for item in fidelity_items(Course.objects.get(pk=course.pk))}
    assert items["formulation_agreed"].status == "missing"


def test_a_five_session_course_expects_it_after_session_2(therapist):
    course, _ = course_with(1, planned=5, length_reason="Brief intervention agreed")
    assert "no_formulation" not in flag_keys(course)
    items = {item.key: item for item in fidelity_items(Course.objects.get(pk=course.pk))}
    assert items["formulation_agreed"].status == "not_due"
    assert "Expected by session 2." in items["formulation_agreed"].missing
    factories.make_session(course)
    assert "no_formulation" in flag_keys(course)


def test_a_four_session_course_has_a_middle_before_its_ending(therapist):
    course, _ = course_with(3, planned=4, length_reason="Brief intervention agreed")
    assert "ending" not in flag_keys(course)
    factories.make_session(course, status="signed")
    assert "ending" in flag_keys(course)
