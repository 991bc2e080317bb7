import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from cases.models import Course
from cases.models.courses import CourseStatus
from tests import factories

pytestmark = pytest.mark.django_db


def course_data(**overrides) -> dict:
    start = timezone.localdate() + datetime.timedelta(days=3)
    data = {
        "adaptation": "standard",
        "planned_sessions": "16",
        "start_date": start.isoformat(),
        "usual_time": "09:30",
        "session_minutes": "50",
        "diagnosis": "Major depressive disorder, moderate",
        "why_ipt": "Depression began after a dispute with her partner.",
        "exclusions_considered": "No psychosis or mania; risk low.",
        "alternatives_offered": "Medication via GP; she chose IPT.",
    }
    data.update(overrides)
    return data


def test_it_opens_a_course_with_its_schedule(client, therapist):
    record = factories.make_client(registered_by=therapist)
    client.force_login(therapist)
    response = client.post(reverse("cases:course_create", args=[record.pk]), course_data())
    course = Course.objects.get(client=record)
    assert response.status_code == 302 and response["Location"] == course.get_absolute_url()
    assert course.sessions.count() == 16
    assert course.usual_weekday == course.start_date.weekday()
    page = client.get(course.get_absolute_url())
    html = page.content.decode()
    assert "Session 1 of 16" in html and "Initial phase" in html
    assert "16 weeks left" in html
    assert AuditEvent.objects.filter(action="view", client=record).exists()


def test_a_length_outside_12_to_16_needs_a_reason(client, therapist):
    record = factories.make_client(registered_by=therapist)
    client.force_login(therapist)
    url = reverse("cases:course_create", args=[record.pk])
    response = client.post(url, course_data(planned_sessions="20"))
    assert list(response.context["form"].errors) == ["length_reason"]
    assert 'value="20"' in response.content.decode()
    response = client.post(url, course_data(planned_sessions="20", length_reason="Complex grief"))
    assert response.status_code == 302
    assert Course.objects.get().planned_sessions == 20


def test_an_adaptation_that_does_not_fit_the_age_needs_confirmation(client, therapist):
    adult = factories.make_client(registered_by=therapist, date_of_birth=datetime.date(1980, 1, 1))
    client.force_login(therapist)
    url = reverse("cases:course_create", args=[adult.pk])
    response = client.post(url, course_data(adaptation="ipt_a"))
    assert "confirm_adaptation" in response.context["form"].errors
    assert "meant for ages 12 to 18" in response.content.decode()
    assert not Course.objects.exists()
    response = client.post(url, course_data(adaptation="ipt_a", confirm_adaptation="on"))
    assert response.status_code == 302


def test_a_start_date_off_the_usual_weekday_is_a_field_error(client, therapist):
    record = factories.make_client(registered_by=therapist)
    client.force_login(therapist)
    data = course_data()
    start = datetime.date.fromisoformat(data["start_date"])
    data["usual_weekday"] = str((start.weekday() + 1) % 7)
    response = client.post(reverse("cases:course_create", args=[record.pk]), data)
    assert "start_date" in response.context["form"].errors


def test_a_bad_start_date_is_a_field_error_not_a_crash(client, therapist):
    record = factories.make_client(registered_by=therapist)
    client.force_login(therapist)
    response = client.post(
        reverse("cases:course_create", args=[record.pk]), course_data(start_date="2026-13-45")
    )
    assert response.status_code == 200
    assert "start_date" in response.context["form"].errors


def test_a_second_open_course_is_a_clear_form_message(client, therapist):
    course = factories.make_course(therapist=therapist)
    client.force_login(therapist)
    response = client.post(reverse("cases:course_create", args=[course.client.pk]), course_data())
    assert response.status_code == 200
    assert "already has an open course" in response.content.decode()
    assert Course.objects.count() == 1


def test_the_course_page_shows_the_phase_checklist_and_hooks(client, therapist):
    course = factories.make_course(therapist=therapist)
    first = factories.make_session(course, diagnosis_given=True, risk_asked=True)
    factories.make_session(course, sick_role_explained=True)
    factories.make_session(course)
    factories.make_session(course)
    client.force_login(therapist)
    response = client.get(course.get_absolute_url())
    html = response.content.decode()
    assert "Session 5 of 16" in html and "Middle phase" in html
    checklist = {item.key: item for item in response.context["checklist"]}
    assert checklist["diagnosis_given"].evidence.url.endswith(f"/sessions/{first.pk}/")
    assert checklist["diagnosis_given"].evidence.where == "Session 1"
    assert checklist["sick_role_explained"].evidence.where == "Session 2"
    assert not checklist["psychoeducation_given"].done
    assert html.count("progress__cell--done") == 4
    assert html.count("progress__cell--current") == 1
    for hook in ("formulation-heading", "Initial phase checklist", "Schedule"):
        assert hook in html


def test_the_checklist_costs_the_same_queries_for_few_or_many_sessions(
    therapist, django_assert_num_queries
):
    from sessions.checklist import initial_phase_checklist

    few = factories.make_course(therapist=therapist)
    factories.make_session(few, diagnosis_given=True)
    many = factories.make_course(therapist=therapist)
    for _ in range(10):
        factories.make_session(many, diagnosis_given=True, risk_asked=True)
    # One for the sessions, one for the inventory, one for the formulation versions.
    with django_assert_num_queries(3):
        initial_phase_checklist(few)
    with django_assert_num_queries(3):
        initial_phase_checklist(many)


def test_the_owner_moves_an_appointment(client, therapist):
    course = factories.make_course(therapist=therapist, status=CourseStatus.PLANNED)
    from cases.services.courses import sync_schedule

    sync_schedule(course)
    appointment = course.sessions.get(planned_week=2)
    client.force_login(therapist)
    url = reverse("sessions:appointment_move", args=[course.pk, appointment.pk])
    bad = client.post(url, {"date": "not a date", "time": "11:00"})
    assert "date" in bad.context["form"].errors
    day = timezone.localdate() + datetime.timedelta(days=20)
    assert client.post(url, {"date": day.isoformat(), "time": "11:15"}).status_code == 302
    appointment.refresh_from_db()
    local = timezone.localtime(appointment.scheduled_for)
    assert (local.date(), local.hour, local.minute) == (day, 11, 15)


def test_transitions_from_the_course_page(client, therapist, other_therapist):
    course = factories.make_course(therapist=therapist, status=CourseStatus.PLANNED)
    client.force_login(therapist)
    client.post(reverse("cases:course_start", args=[course.pk]))
    course.refresh_from_db()
    assert course.status == CourseStatus.ACTIVE
    response = client.post(reverse("cases:course_end_early", args=[course.pk]), {"reason": "other"})
    assert "note" in response.context["form"].errors
    response = client.post(
        reverse("cases:course_transfer", args=[course.pk]),
        {"to_therapist": other_therapist.pk, "reason": "Moving team"},
    )
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.therapist == other_therapist
    assert client.get(course.get_absolute_url()).status_code == 404


def test_a_supervisor_reads_the_course_page_without_buttons(client, course, supervisor):
    client.force_login(supervisor)
    response = client.get(course.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("cases:course_edit", args=[course.pk]) not in html
    assert "Read only" in html
    assert client.post(reverse("cases:course_complete", args=[course.pk])).status_code == 403
    course.refresh_from_db()
    assert course.status == CourseStatus.ACTIVE


def test_the_schedule_flags_past_appointments_without_attendance(client, therapist):
    course = factories.make_course(
        therapist=therapist, start_date=timezone.localdate() - datetime.timedelta(days=15)
    )
    from cases.services.courses import sync_schedule

    sync_schedule(course)  # appointments 15, 8 and 1 days ago, then next week
    client.force_login(therapist)
    response = client.get(course.get_absolute_url())
    assert len(response.context["schedule"].unrecorded) == 3
    assert response.content.decode().count("Attendance not recorded") == 3


def test_a_course_cannot_plan_fewer_sessions_than_were_held(client, therapist):
    course = factories.make_course(therapist=therapist)
    for _ in range(5):
        factories.make_session(course)
    client.force_login(therapist)
    data = {
        "adaptation": "standard",
        "planned_sessions": "4",
        "length_reason": "Short",
        "start_date": course.start_date.isoformat(),
        "session_minutes": "50",
        "version": course.version,
    }
    response = client.post(reverse("cases:course_edit", args=[course.pk]), data)
    assert "planned_sessions" in response.context["form"].errors


def test_an_ended_course_says_how_many_sessions_were_held(client, therapist):
    course = factories.make_course(therapist=therapist, status=CourseStatus.COMPLETED)
    for _ in range(3):
        factories.make_session(course)
    client.force_login(therapist)
    html = client.get(course.get_absolute_url()).content.decode()
    assert "3 of 16 sessions held" in html


def test_a_course_with_nothing_booked_says_so_not_0_weeks_left(client, therapist):
    course = factories.make_course(
        therapist=therapist,
        planned_sessions=12,
        status=CourseStatus.ACTIVE,
        start_date=timezone.localdate() - datetime.timedelta(weeks=13),
    )
    for _ in range(12):
        factories.make_session(course)
    client.force_login(therapist)
    html = client.get(course.get_absolute_url()).content.decode()
    assert "0 weeks left" not in html
    assert 'data-testid="no-weeks-left">no appointment booked' in html
