import datetime

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from cases.exceptions import RuleBroken, StaleEdit
from cases.models import Client, Course, CourseTransfer
from cases.models.courses import CourseStatus
from cases.services import clients as client_services
from cases.services import courses as course_services
from cases.services import endings as ending_services
from sessions import booking
from sessions.models import Attendance
from tests import factories

pytestmark = pytest.mark.django_db


def planned_course(therapist, client=None, **fields) -> Course:
    client = client or factories.make_client(registered_by=therapist)
    fields.setdefault("planned_sessions", 16)
    fields.setdefault("start_date", timezone.localdate() + datetime.timedelta(days=2))
    return course_services.open_course(therapist, Course(client=client, **fields))


def test_it_lays_out_one_scheduled_appointment_a_week(therapist):
    course = planned_course(therapist, planned_sessions=12, usual_time=datetime.time(14, 30))
    appointments = list(course.sessions.order_by("planned_week"))
    assert [a.planned_week for a in appointments] == list(range(1, 13))
    assert {a.attendance for a in appointments} == {Attendance.SCHEDULED}
    local = [timezone.localtime(a.scheduled_for) for a in appointments]
    assert local[0].date() == course.start_date
    assert local[11].date() == course.start_date + datetime.timedelta(weeks=11)
    assert {(t.hour, t.minute) for t in local} == {(14, 30)}
    assert course.status == CourseStatus.PLANNED
    assert course.current_session_number == 1
    assert course.phase == "initial"
    assert AuditEvent.objects.filter(action="course.create", client=course.client).exists()


def test_it_defaults_appointments_to_ten_in_the_morning(therapist):
    course = planned_course(therapist)
    first = timezone.localtime(course.sessions.get(planned_week=1).scheduled_for)
    assert (first.hour, first.minute) == (10, 0)


def test_it_starts_completes_and_audits_a_course(therapist):
    course = planned_course(therapist)
    course_services.start_course(therapist, course)
    course.refresh_from_db()
    assert course.status == CourseStatus.ACTIVE and course.started_on == timezone.localdate()
    for _ in range(13):
        factories.make_session(course)
    ending_services.complete_course(
        therapist, course, decision="client_choice", reason="Wants to stop here"
    )
    course.refresh_from_db()
    assert course.status == CourseStatus.COMPLETED
    assert not course.sessions.not_void().filter(attendance=Attendance.SCHEDULED).exists()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"course.start", "course.complete"} <= actions


def test_it_refuses_transitions_out_of_order(therapist):
    course = planned_course(therapist)
    with pytest.raises(RuleBroken):
        ending_services.complete_course(therapist, course)
    course_services.start_course(therapist, course)
    with pytest.raises(RuleBroken):
        course_services.start_course(therapist, course)


def test_it_allows_one_active_course_per_client(therapist):
    first = factories.make_course(therapist=therapist)  # active
    second = Course.objects.create(
        client=first.client,
        therapist=therapist,
        start_date=timezone.localdate(),
        status=CourseStatus.PLANNED,
    )
    with pytest.raises(RuleBroken, match="already has an active course"):
        course_services.start_course(therapist, second)
    second.refresh_from_db()
    assert second.status == CourseStatus.PLANNED


def test_it_refuses_a_second_open_course(therapist):
    course = factories.make_course(therapist=therapist)
    with pytest.raises(RuleBroken, match="already has an open course"):
        planned_course(therapist, client=course.client)
    assert Course.objects.filter(client=course.client).count() == 1


def test_it_needs_a_reason_to_end_early_and_voids_what_is_left(therapist):
    course = planned_course(therapist)
    with pytest.raises(RuleBroken):
        ending_services.end_course_early(therapist, course, "")
    with pytest.raises(RuleBroken):
        ending_services.end_course_early(therapist, course, "other", "  ")
    ending_services.end_course_early(therapist, course, "moved_away")
    course.refresh_from_db()
    assert course.status == CourseStatus.ENDED_EARLY and course.end_reason == "moved_away"
    assert course.sessions.count() == 16  # kept, voided, never deleted
    assert not course.sessions.not_void().exists()


def test_it_moves_a_transferred_course_to_the_new_caseload(therapist, other_therapist):
    course = factories.make_course(therapist=therapist)
    course_services.transfer_course(therapist, course, other_therapist, "Therapist leaving")
    assert not Course.objects.visible_to(therapist).current().exists()
    assert list(Course.objects.visible_to(other_therapist).current()) == [course]
    transfer = CourseTransfer.objects.get()
    assert (transfer.from_therapist, transfer.to_therapist) == (therapist, other_therapist)
    assert AuditEvent.objects.filter(action="course.transfer").exists()


def test_it_refuses_a_transfer_to_oneself_or_without_reason(therapist, other_therapist):
    course = factories.make_course(therapist=therapist)
    with pytest.raises(RuleBroken):
        course_services.transfer_course(therapist, course, therapist, "why not")
    with pytest.raises(RuleBroken):
        course_services.transfer_course(therapist, course, other_therapist, " ")
    assert not CourseTransfer.objects.exists()


def test_it_moves_only_a_scheduled_appointment(therapist):
    course = planned_course(therapist)
    appointment = course.sessions.get(planned_week=3)
    new_time = appointment.scheduled_for + datetime.timedelta(days=1, hours=2)
    booking.move_appointment(therapist, appointment, new_time)
    appointment.refresh_from_db()
    assert appointment.scheduled_for == new_time
    held = factories.make_session(course)
    with pytest.raises(RuleBroken):
        booking.move_appointment(therapist, held, new_time)


def test_it_relays_the_schedule_when_the_course_is_shortened(therapist):
    course = planned_course(therapist)
    course.planned_sessions = 12
    course_services.update_course(therapist, course, course.version, ["planned_sessions"])
    assert course.sessions.not_void().count() == 12
    assert course.sessions.count() == 16


def test_it_refuses_a_stale_edit(therapist):
    course = planned_course(therapist)
    stale_version = course.version
    course_services.update_course(therapist, course, stale_version, ["diagnosis"])
    with pytest.raises(StaleEdit):
        course_services.update_course(therapist, course, stale_version, ["diagnosis"])


def test_archiving_takes_a_client_off_the_caseload_but_search_finds_them(therapist):
    course = planned_course(therapist)
    client = course.client
    ending_services.end_course_early(therapist, course, "dropped_out")
    with pytest.raises(RuleBroken):
        client_services.archive_client(therapist, client, " ")
    client_services.archive_client(therapist, client, "Discharged to GP")
    assert not Course.objects.visible_to(therapist).current().exists()
    assert list(Client.objects.visible_to(therapist).search(client.record_number)) == [client]
    assert AuditEvent.objects.filter(action="client.archive", client=client).exists()
    client_services.restore_client(therapist, client)
    client.refresh_from_db()
    assert not client.is_archived


def test_it_refuses_to_archive_a_client_in_active_treatment(therapist):
    course = factories.make_course(therapist=therapist)
    with pytest.raises(RuleBroken, match="active course"):
        client_services.archive_client(therapist, course.client, "Moved")
