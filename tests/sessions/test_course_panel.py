import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from sessions import services
from sessions.models import Attendance
from tests import factories
from tests.sessions.conftest import scheduled

pytestmark = pytest.mark.django_db

PANEL = Template("{% load session_panels %}{% course_sessions_panel course %}")


def _render(course, user) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return PANEL.render(Context({"course": course, "request": request}))


def _fill(course, count: int) -> None:
    for _ in range(count):
        factories.make_session(course, next_task="Call a friend", note="Seen")
    scheduled(course, count + 1)
    scheduled(course, count + 2)


def test_it_lists_number_date_attendance_phase_state_and_task(therapist, course):
    first = factories.make_session(course, next_task="Ask Dan to lunch")
    factories.make_session(course)
    missed = scheduled(course, 2)
    services.record_attendance(
        missed,
        therapist,
        attendance=Attendance.DID_NOT_ATTEND,
        held_at=missed.scheduled_for,
        duration_minutes=None,
        follow_up_action="Phoned",
    )
    services.save_note(
        first, therapist, services.NoteChanges(fields={"note": "x"}), expected_version=1
    )
    services.sign_session(first, therapist)
    html = _render(course, therapist)
    assert "Session 1" in html and "Session 2" in html
    assert "Did not attend" in html and "Initial" in html
    assert "Signed" in html and "Draft" in html and "No task" in html


@pytest.mark.parametrize("count", [1, 30])
def test_the_query_count_does_not_grow_with_sessions(
    therapist, course, count, django_assert_num_queries
):
    _fill(course, count)
    with django_assert_num_queries(1):
        html = _render(course, therapist)
    assert html.count('scope="row"') == count


def test_the_therapist_gets_record_and_extra_actions(therapist, course):
    _fill(course, 2)
    html = _render(course, therapist)
    assert reverse("sessions:record", args=[course.pk]) in html
    assert "Record a session" in html
    assert reverse("sessions:add_extra", args=[course.pk]) in html
    assert "and 1 more planned" in html


def test_the_supervisor_sees_the_list_without_actions(supervisor, course):
    _fill(course, 2)
    html = _render(course, supervisor)
    assert "Session 2" in html
    assert "Record a session" not in html and "Add an extra session" not in html


def test_voided_sessions_stay_listed_but_unnumbered(therapist, course):
    session = factories.make_session(course)
    services.void_session(session, therapist, "Duplicate")
    html = _render(course, therapist)
    assert "Voided" in html and "Void<" in html and "Session 1" not in html


def test_a_planned_course_asks_to_be_started_first(therapist):
    course = factories.make_course(therapist=therapist, status="planned")
    scheduled(course, 0)
    html = _render(course, therapist)
    assert "Start the course to record its sessions" in html
    assert "Record a session" not in html and "Add an extra session" not in html
