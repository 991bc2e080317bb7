"""Counts that are true: never "Session 17 of 16"; past the plan the course says so."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Course
from cases.models.courses import CourseStatus
from tests import factories

pytestmark = pytest.mark.django_db


def course_held(therapist, attended: int, planned: int = 16, **fields) -> Course:
    fields.setdefault("start_date", timezone.localdate() - datetime.timedelta(weeks=attended))
    course = factories.make_course(therapist=therapist, planned_sessions=planned, **fields)
    for _ in range(attended):
        factories.make_session(course, status="signed")
    return course


def page(client, user, url) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_it_says_all_planned_sessions_are_held_after_the_last_one(client, therapist):
    course = course_held(therapist, 16)
    html = page(client, therapist, course.get_absolute_url())
    assert "17 of 16" not in html
    assert "All 16 planned sessions held" in html
    assert "The last planned session has been held." in html
    assert "Past the planned" not in html


def test_it_labels_a_session_held_past_the_plan_as_extra(client, therapist):
    course = course_held(therapist, 16)
    factories.make_session(course, status="draft")  # the 17th, still being written
    html = page(client, therapist, course.get_absolute_url())
    assert "17 of 16" not in html and "18 of 16" not in html
    assert "All 16 planned sessions held, plus 1 extra" in html
    assert "1 session held beyond the 16 agreed with the client." in html
    assert "Extra session 17, beyond the plan, held" in html
    assert '<span class="tag tag--warn">Extra</span>' in html  # in the list of sessions
    extra = course.sessions.get(number=17)
    note = page(client, therapist, reverse("sessions:edit", args=[extra.pk]))
    assert "session 17 of 16" not in note
    assert "extra session 17, beyond the 16 planned" in note


def test_it_counts_a_closed_course_with_extras_truthfully(client, therapist):
    course = course_held(therapist, 18, status=CourseStatus.COMPLETED)
    course = Course.objects.with_progress().get(pk=course.pk)
    assert course.position == "16 of 16 sessions held, plus 2 extra"
    html = page(client, therapist, course.get_absolute_url())
    assert "18 of 16" not in html and "16 of 16 sessions held, plus 2 extra" in html


def test_it_counts_an_open_course_before_its_end_as_before(therapist):
    course = course_held(therapist, 5)
    assert Course.objects.with_progress().get(pk=course.pk).position == "Session 6 of 16"
    planned = course_held(therapist, 0, status=CourseStatus.PLANNED)
    assert planned.position == "Session 1 of 16"


def test_the_caseload_and_the_dashboard_never_say_17_of_16(client, therapist, supervisor):
    course_held(therapist, 16)
    course_held(therapist, 17)
    caseload = page(client, therapist, reverse("cases:caseload"))
    assert "17 of 16" not in caseload and "18 of 16" not in caseload
    assert "All 16 planned sessions held" in caseload
    assert "All 16 planned sessions held, plus 1 extra" in caseload
    dashboard = page(client, supervisor, reverse("supervision:dashboard"))
    assert "17 of 16" not in dashboard and "18 of 16" not in dashboard
    assert "All 16 planned sessions held, plus 1 extra" in dashboard


def test_the_fidelity_page_and_the_client_page_count_truthfully(client, therapist, supervisor):
    course = course_held(therapist, 17)
    fidelity = page(client, supervisor, reverse("supervision:fidelity", args=[course.pk]))
    assert "17 of 16" not in fidelity and "18 of 16" not in fidelity
    assert "All 16 planned sessions held, plus 1 extra" in fidelity
    client_page = page(client, therapist, course.client.get_absolute_url())
    assert "18 of 16" not in client_page
    assert "All 16 planned sessions held, plus 1 extra" in client_page


def test_the_progress_bar_marks_no_next_session_past_the_plan(therapist):
    course = Course.objects.with_progress().get(pk=course_held(therapist, 16).pk)
    cells = course.progress_cells
    assert len(cells) == 16 and not any(cell["current"] for cell in cells)
    course = Course.objects.with_progress().get(pk=course_held(therapist, 17).pk)
    cells = course.progress_cells
    assert [cell["extra"] for cell in cells] == [False] * 16 + [True]
    assert all(cell["done"] for cell in cells)
