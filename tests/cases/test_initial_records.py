"""Initial-phase records (issue 17, point 4): suitability when a course opens, the length and
end date agreed with the client counted down in sessions, the sick role given and roles resumed.

The URL x role matrix covers these URLs in tests/access/catalogue.py; here: behaviour and the
denials spelled out.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from cases.initial_records import Countdown, initial_records
from cases.models import Course, LengthAgreement, SickRoleEntry, SuitabilityRecord
from cases.models.courses import CourseStatus
from tests import factories

pytestmark = pytest.mark.django_db


def _url(name: str, course, *args) -> str:
    return reverse(f"cases:{name}", args=[course.pk, *args])


def _agreement_data(course, **overrides) -> dict:
    data = {
        "ends_by": (course.start_date + datetime.timedelta(weeks=15)).isoformat(),
        "agreed_on": course.start_date.isoformat(),
        "agreed_with": "The client and her mother",
    }
    data.update(overrides)
    return data


def _attend(course, count: int) -> None:
    for _ in range(count):
        factories.make_session(course)


# The countdown ---------------------------------------------------------------------------


def test_it_counts_down_in_sessions_to_the_agreed_end():
    countdown = Countdown(agreed=12, held=5, ends_by=datetime.date(2027, 3, 3))
    assert countdown.text == "5 of 12 agreed sessions held, 7 to go, ending by 3 March 2027"


def test_it_says_when_no_session_is_held_yet_and_when_all_are():
    day = datetime.date(2027, 3, 3)
    assert Countdown(12, 0, day).text == "12 sessions agreed, none held yet, ending by 3 March 2027"
    assert Countdown(12, 12, day).text.startswith("All 12 agreed sessions held")
    assert "2 more held since" in Countdown(12, 14, day).text


def test_it_shows_the_agreed_length_counted_down_on_the_course_page(client, therapist):
    course = factories.make_course(therapist=therapist, planned_sessions=12)
    client.force_login(therapist)
    response = client.post(_url("course_length_agreement", course), _agreement_data(course))
    assert response.status_code == 302
    agreement = LengthAgreement.objects.get(course=course)
    assert agreement.sessions == 12 and agreement.recorded_by == therapist
    assert agreement.agreed_with == "The client and her mother"
    _attend(course, 5)
    html = client.get(course.get_absolute_url()).content.decode()
    ends = course.start_date + datetime.timedelta(weeks=15)
    assert f"5 of 12 agreed sessions held, 7 to go, ending by {ends:%-d %B %Y}" in html
    assert AuditEvent.objects.filter(action="course.length_agreed", client=course.client).exists()


def test_it_marks_the_agreement_out_of_date_when_the_plan_changes(client, therapist):
    course = factories.make_course(therapist=therapist, planned_sessions=12)
    client.force_login(therapist)
    client.post(_url("course_length_agreement", course), _agreement_data(course))
    Course.objects.filter(pk=course.pk).update(planned_sessions=16)
    html = client.get(course.get_absolute_url()).content.decode()
    assert 'data-testid="agreement-out-of-date"' in html
    assert "The plan is now 16 sessions, but the client agreed to 12" in html
    # A new agreement brings it up to date; the first one stays in the record.
    client.post(_url("course_length_agreement", course), _agreement_data(course))
    html = client.get(course.get_absolute_url()).content.decode()
    assert 'data-testid="agreement-out-of-date"' not in html
    assert list(course.length_agreements.values_list("sessions", flat=True)) == [16, 12]


def test_it_warns_when_the_agreed_end_date_passed_with_sessions_to_go(therapist):
    start = timezone.localdate() - datetime.timedelta(weeks=20)
    course = factories.make_course(therapist=therapist, planned_sessions=12, start_date=start)
    LengthAgreement.objects.create(
        course=course,
        sessions=12,
        ends_by=start + datetime.timedelta(weeks=11),
        agreed_on=start,
        agreed_with="The client",
        recorded_by=therapist,
    )
    _attend(course, 8)
    assert initial_records(course).end_date_passed
    _attend(course, 4)
    course = Course.objects.get(pk=course.pk)
    assert not initial_records(course).end_date_passed


def test_it_refuses_an_end_date_too_early_for_the_planned_sessions(client, therapist):
    course = factories.make_course(therapist=therapist, planned_sessions=12)
    client.force_login(therapist)
    too_early = course.start_date + datetime.timedelta(weeks=5)
    response = client.post(
        _url("course_length_agreement", course),
        _agreement_data(course, ends_by=too_early.isoformat()),
    )
    assert response.status_code == 200
    assert "12 weekly sessions from" in str(response.context["form"].errors["ends_by"])
    assert "The client and her mother" in response.content.decode()  # input kept
    assert not LengthAgreement.objects.exists()


def test_it_refuses_an_agreement_on_a_closed_course(client, therapist):
    course = factories.make_course(therapist=therapist, status=CourseStatus.COMPLETED)
    client.force_login(therapist)
    response = client.post(_url("course_length_agreement", course), _agreement_data(course))
    assert response.status_code == 200
    assert "closed" in str(response.context["form"].non_field_errors())
    assert not LengthAgreement.objects.exists()


# Sick role -------------------------------------------------------------------------------


def test_it_records_the_sick_role_and_later_the_roles_resumed(client, therapist):
    course = factories.make_course(therapist=therapist, planned_sessions=12)
    client.force_login(therapist)
    given_on = course.start_date.isoformat()
    response = client.post(
        _url("course_sick_role", course, "given"),
        {"on": given_on, "agreed": "Half days at work for a month; partner does the school run"},
    )
    assert response.status_code == 302
    html = client.get(course.get_absolute_url()).content.decode()
    assert "Half days at work for a month" in html
    assert "Record roles resumed" in html
    response = client.post(
        _url("course_sick_role", course, "resumed"),
        {
            "on": timezone.localdate().isoformat(),
            "agreed": "Full days again; shares the school run",
        },
    )
    assert response.status_code == 302
    html = client.get(course.get_absolute_url()).content.decode()
    assert "Full days again; shares the school run" in html
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"course.sick_role.given", "course.sick_role.resumed"} <= actions


def test_it_refuses_roles_resumed_before_the_sick_role_was_given(client, therapist):
    course = factories.make_course(therapist=therapist)
    client.force_login(therapist)
    response = client.post(
        _url("course_sick_role", course, "resumed"),
        {"on": timezone.localdate().isoformat(), "agreed": "Back at work"},
    )
    assert response.status_code == 200
    assert "Record the sick role first" in str(response.context["form"].non_field_errors())
    SickRoleEntry.objects.create(
        course=course, kind="given", on=timezone.localdate(), agreed="Rest", recorded_by=therapist
    )
    response = client.post(
        _url("course_sick_role", course, "resumed"),
        {"on": course.start_date.isoformat(), "agreed": "Back at work"},
    )
    assert "roles are resumed after it" in str(response.context["form"].errors["on"])
    assert not SickRoleEntry.objects.filter(kind="resumed").exists()


def test_it_says_roles_resumed_are_due_in_the_termination_phase(therapist):
    course = factories.make_course(therapist=therapist, planned_sessions=12)
    SickRoleEntry.objects.create(
        course=course, kind="given", on=course.start_date, agreed="Rest", recorded_by=therapist
    )
    assert not initial_records(course).roles_resumed_due
    _attend(course, 10)
    course = Course.objects.get(pk=course.pk)
    assert course.phase == "termination"
    assert initial_records(course).roles_resumed_due


def test_an_unknown_sick_role_kind_is_not_found(client, therapist, course):
    client.force_login(therapist)
    assert client.get(_url("course_sick_role", course, "forgotten")).status_code == 404


# Suitability -----------------------------------------------------------------------------


def _course_data(**overrides) -> dict:
    start = timezone.localdate() + datetime.timedelta(days=3)
    data = {
        "adaptation": "standard",
        "planned_sessions": "12",
        "start_date": start.isoformat(),
        "session_minutes": "50",
        "why_ipt": "Low mood since her father died in March.",
        "exclusions_considered": "No psychosis or mania; no crisis.",
        "alternatives_offered": "Medication through her GP, and CBT; she chose IPT.",
    }
    data.update(overrides)
    return data


def test_opening_a_course_records_its_suitability(client, therapist):
    record = factories.make_client(registered_by=therapist)
    client.force_login(therapist)
    response = client.post(reverse("cases:course_create", args=[record.pk]), _course_data())
    assert response.status_code == 302
    suitability = SuitabilityRecord.objects.get(course__client=record)
    assert suitability.why_ipt == "Low mood since her father died in March."
    assert suitability.recorded_by == therapist
    assert AuditEvent.objects.filter(action="course.suitability", client=record).exists()
    html = client.get(response["Location"]).content.decode()
    assert "Medication through her GP, and CBT; she chose IPT." in html


def test_a_course_cannot_be_opened_without_its_suitability(client, therapist):
    record = factories.make_client(registered_by=therapist)
    client.force_login(therapist)
    response = client.post(
        reverse("cases:course_create", args=[record.pk]),
        _course_data(exclusions_considered="  ", alternatives_offered=""),
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"exclusions_considered", "alternatives_offered"}
    assert "Low mood since her father died in March." in response.content.decode()
    assert not Course.objects.filter(client=record).exists()


def test_an_older_course_without_suitability_says_so_and_can_add_it(client, therapist, course):
    client.force_login(therapist)
    html = client.get(course.get_absolute_url()).content.decode()
    assert "opened before suitability was asked for" in html
    assert _url("course_suitability", course) in html
    # Editing the course does not ask for it.
    edit = client.get(_url("course_edit", course))
    assert "why_ipt" not in edit.context["form"].fields
    response = client.post(
        _url("course_suitability", course),
        {
            "why_ipt": "Role transition",
            "exclusions_considered": "None",
            "alternatives_offered": "-",
        },
    )
    assert response.status_code == 302
    assert course.suitability_records.count() == 1


def test_a_correction_keeps_the_earlier_suitability_record(client, therapist, course):
    client.force_login(therapist)
    url = _url("course_suitability", course)
    first = {"why_ipt": "First", "exclusions_considered": "None", "alternatives_offered": "CBT"}
    client.post(url, first)
    assert client.get(url).context["form"].initial["why_ipt"] == "First"
    client.post(url, first | {"why_ipt": "Corrected"})
    assert list(course.suitability_records.values_list("why_ipt", flat=True)) == [
        "Corrected",
        "First",
    ]
    html = client.get(course.get_absolute_url()).content.decode()
    assert "Corrected" in html and "1 earlier version kept" in html


# Denials ---------------------------------------------------------------------------------

WRITE_URLS = [
    ("course_suitability", ()),
    ("course_length_agreement", ()),
    ("course_sick_role", ("given",)),
    ("course_sick_role", ("resumed",)),
]


@pytest.mark.parametrize(("name", "args"), WRITE_URLS)
def test_another_therapist_gets_not_found(client, other_therapist, course, name, args):
    client.force_login(other_therapist)
    assert client.get(_url(name, course, *args)).status_code == 404
    assert client.post(_url(name, course, *args), {"why_ipt": "x"}).status_code == 404


@pytest.mark.parametrize(("name", "args"), WRITE_URLS)
def test_the_supervisor_reads_but_cannot_record(client, supervisor, course, name, args):
    client.force_login(supervisor)
    data = _agreement_data(course) | {"on": course.start_date.isoformat(), "agreed": "Rest"}
    assert client.post(_url(name, course, *args), data).status_code == 403
    assert not SickRoleEntry.objects.exists() and not LengthAgreement.objects.exists()
    html = client.get(course.get_absolute_url()).content.decode()
    assert 'data-testid="initial-records"' in html
    assert _url("course_length_agreement", course) not in html


@pytest.mark.parametrize(("name", "args"), WRITE_URLS)
def test_signed_out_people_are_sent_to_sign_in(client, course, name, args):
    response = client.get(_url(name, course, *args))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
