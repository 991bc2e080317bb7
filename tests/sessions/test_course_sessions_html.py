"""The course page's session list written in Python (sessions.course_sessions_html) is byte for
byte what the template session_logs/panels/course_sessions.html writes, which stays the
reference."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone

from cases.models import Course
from sessions.course_sessions_html import PANEL_TEMPLATE, course_sessions_html
from sessions.models import Attendance, NoteStatus
from sessions.schedule import schedule_for
from sessions.schedule_html import SCHEDULE_TEMPLATE, schedule_html
from sessions.templatetags.session_panels import panel_values
from tests import factories
from tests.sessions.conftest import scheduled

pytestmark = pytest.mark.django_db


TOKEN = "tok<en>"  # noqa: S105 - a stand-in, escaped like any value


def _both(course, user, csrf_token=TOKEN) -> tuple[str, str]:
    request = RequestFactory().get("/")
    request.user = user
    course = Course.objects.get(pk=course.pk)  # fresh: the sessions are read anew
    values = panel_values({"request": request, "csrf_token": csrf_token}, course)
    reference = render_to_string(PANEL_TEMPLATE, values)
    del values["course"], values["request"]
    return reference, str(course_sessions_html(course, **values))


def _assert_same(course, user, **kwargs) -> str:
    reference, written = _both(course, user, **kwargs)
    assert written == reference
    return written


def test_it_writes_an_empty_planned_course_as_the_template_does(therapist):
    course = factories.make_course(therapist=therapist, status="planned")
    html = _assert_same(course, therapist)
    assert "Start the course to record its sessions." in html
    assert "No session recorded yet." in html


def test_it_writes_every_row_state_as_the_template_does(therapist, supervisor):
    trainee = factories.make_therapist(is_trainee=True)
    course = factories.make_course(
        therapist=therapist, planned_sessions=3, length_reason="Agreed short"
    )
    signed = factories.make_session(course, next_task="Call her sister")
    factories.make_session(course, status=NoteStatus.COSIGNED, next_task="Walk")
    factories.make_session(course, status=NoteStatus.RETURNED)
    factories.make_session(course, status=NoteStatus.SIGNED, signed_by=trainee)  # extra
    factories.make_session(
        course,
        attendance=Attendance.CANCELLED_CLIENT,
        scheduled_for=timezone.now() - datetime.timedelta(days=2),
    )
    factories.make_session(
        course,
        attendance=Attendance.SCHEDULED,
        scheduled_for=timezone.now() - datetime.timedelta(days=1),
        voided_at=timezone.now(),
        void_reason="Booked twice",
    )
    signed.status = NoteStatus.SIGNED
    signed.signed_by = therapist
    signed.save()
    scheduled(course, 9)
    scheduled(course, 10)
    scheduled(course, 11)
    html = _assert_same(course, therapist)
    for shown in ("Co-signed", "Signed, awaiting co-signature", "Returned for revision"):
        assert shown in html
    assert 'class="row--void"' in html and "Voided" in html and "Extra" in html
    assert "and 2 more planned" in html and "csrfmiddlewaretoken" in html
    # Read only for anyone but the course's therapist; no token, no hidden input.
    assert "Add an extra session" not in _assert_same(course, supervisor)
    assert "csrfmiddlewaretoken" not in _assert_same(course, therapist, csrf_token=None)


def test_it_writes_todays_appointment_and_a_maintenance_course_as_the_template_does(therapist):
    acute = factories.make_course(therapist=therapist, status="completed")
    course = factories.make_course(
        therapist=therapist, continues_course=acute, cadence_weeks=4, client=acute.client
    )
    factories.make_session(course)
    factories.make_session(
        course, attendance=Attendance.SCHEDULED, scheduled_for=timezone.now(), number=None
    )
    html = _assert_same(course, therapist)
    assert "Not used in maintenance" in html
    assert "Next appointment" in html and "more planned" not in html


def test_it_writes_a_closed_course_as_the_template_does(therapist):
    course = factories.make_course(therapist=therapist, status="completed")
    factories.make_session(course, next_task="Call")
    assert "Record a session" not in _assert_same(course, therapist)


def _schedule_both(course, can_edit: bool) -> tuple[str, str]:
    course = Course.objects.get(pk=course.pk)
    schedule = schedule_for(course)
    context = {"course": course, "schedule": schedule, "can_edit": can_edit}
    return render_to_string(SCHEDULE_TEMPLATE, context), str(
        schedule_html(course, schedule, can_edit)
    )


def test_it_writes_the_schedule_as_the_template_does(therapist):
    empty = factories.make_course(therapist=therapist, status="planned")
    reference, written = _schedule_both(empty, True)
    assert written == reference and "No appointments." in written
    course = factories.make_course(therapist=therapist)
    factories.make_session(course, planned_week=1)
    factories.make_session(course, planned_week=None)  # an extra session
    scheduled(course, 0)  # past, not recorded
    scheduled(course, 3)
    scheduled(course, 4)
    for can_edit in (True, False):
        reference, written = _schedule_both(course, can_edit)
        assert written == reference
    assert "Attendance not recorded" in written and "Extra" in written
    assert 'class="schedule__next"' in written and "Move" not in written
    reference, written = _schedule_both(course, True)
    assert "Move<span" in written
    course.status = "completed"
    course.save()
    reference, written = _schedule_both(course, True)
    assert written == reference and "Move" not in written
