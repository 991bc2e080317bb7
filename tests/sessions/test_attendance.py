import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from sessions.models import Attendance, Session
from tests import factories
from tests.sessions.conftest import scheduled

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, therapist):
    client.force_login(therapist)
    return client


def _post(client, session, **overrides):
    data = {
        "attendance": "attended",
        "held_on": session.course.start_date.isoformat(),
        "held_time": "09:30",
        "duration_minutes": "50",
        "follow_up_action": "",
    }
    data.update(overrides)
    return client.post(reverse("sessions:attendance", args=[session.pk]), data)


def test_it_offers_the_planned_appointment_with_sensible_defaults(signed_in, course):
    planned = scheduled(course)
    response = signed_in.get(reverse("sessions:attendance", args=[planned.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="attended" ' in body and "checked" in body
    assert 'value="50"' in body


def test_an_attended_session_takes_the_next_number_and_opens_the_note(signed_in, course):
    planned = scheduled(course)
    response = _post(signed_in, planned)
    assert response.status_code == 302
    assert response.url == reverse("sessions:edit", args=[planned.pk])
    planned.refresh_from_db()
    assert planned.number == 1 and planned.attendance == Attendance.ATTENDED
    assert planned.duration_minutes == 50


def test_a_missed_appointment_asks_for_a_follow_up_action(signed_in, course):
    planned = scheduled(course)
    response = _post(signed_in, planned, attendance="dna", duration_minutes="")
    assert response.status_code == 400
    assert "note what you will do to follow up" in response.content.decode()
    response = _post(
        signed_in, planned, attendance="dna", follow_up_action="Phoned, left a message."
    )
    assert response.status_code == 302
    planned.refresh_from_db()
    assert planned.number is None and planned.follow_up_action == "Phoned, left a message."


def test_a_date_before_the_course_start_is_refused(signed_in, course):
    planned = scheduled(course)
    before = course.start_date - datetime.timedelta(days=1)
    response = _post(signed_in, planned, held_on=before.isoformat())
    assert response.status_code == 400
    assert "cannot be held before that" in response.content.decode()
    assert Session.objects.get(pk=planned.pk).attendance == Attendance.SCHEDULED


def test_a_future_date_is_refused(signed_in, course):
    planned = scheduled(course)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = _post(signed_in, planned, held_on=tomorrow.isoformat())
    assert response.status_code == 400
    assert "in the future" in response.content.decode()


def test_changing_an_earlier_session_to_missed_renumbers_the_later_ones(signed_in, course):
    first, second = scheduled(course, 0), scheduled(course, 1)
    _post(signed_in, first)
    next_day = course.start_date + datetime.timedelta(days=1)
    _post(signed_in, second, held_on=next_day.isoformat())
    _post(signed_in, first, attendance="cancelled_client")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.number, second.number) == (None, 1)


def test_an_extra_session_can_be_added_and_recorded(signed_in, course):
    response = signed_in.post(reverse("sessions:add_extra", args=[course.pk]))
    extra = course.sessions.get()
    assert response.url == reverse("sessions:edit", args=[extra.pk])
    assert extra.planned_week is None


def test_a_signed_session_attendance_cannot_change(signed_in, course, therapist):
    session = factories.make_session(course, status="signed", note="x")
    response = _post(signed_in, session, attendance="dna", follow_up_action="x")
    assert response.status_code == 409
    assert Session.objects.get(pk=session.pk).attendance == Attendance.ATTENDED


def test_a_planned_course_must_be_started_before_recording(signed_in, therapist):
    course = factories.make_course(therapist=therapist, status="planned")
    planned = scheduled(course)
    response = _post(signed_in, planned)
    assert response.status_code == 409
    assert "has not started yet" in response.content.decode()
    assert Session.objects.get(pk=planned.pk).attendance == Attendance.SCHEDULED
    response = signed_in.post(reverse("sessions:add_extra", args=[course.pk]))
    assert response.status_code == 409
    assert course.sessions.count() == 1
