"""Ending a course is a clinical step: the ending form, the decision, ending early, reopening."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from cases.models import CourseEnding
from cases.models.courses import CourseStatus
from sessions.models import Attendance, RelapsePreventionPlan
from tests import factories
from tests.measures.factories import make_flag, make_response

pytestmark = pytest.mark.django_db


def course_at_termination(therapist, *, first=18, last=15, held=13, **fields):
    """A 16-session course with ``held`` sessions held and a first and latest PHQ-9."""
    fields.setdefault("start_date", timezone.localdate() - datetime.timedelta(weeks=held + 1))
    course = factories.make_course(therapist=therapist, **fields)
    sessions = [factories.make_session(course) for _ in range(held)]
    if first is not None:
        make_response(course, "phq9", first, session=sessions[0], on=sessions[0].held_at.date())
        make_response(course, "phq9", last, session=sessions[-1], on=sessions[-1].held_at.date())
    return course


def complete_url(course):
    return reverse("cases:course_complete", args=[course.pk])


def snapshot(course):
    course.refresh_from_db()
    return (course.status, course.planned_sessions, course.version, CourseEnding.objects.count())


# The course page -----------------------------------------------------------------------------


def test_it_makes_the_next_session_the_primary_action_not_completing(client, therapist):
    course = factories.make_course(therapist=therapist)
    factories.make_session(course)
    client.force_login(therapist)
    html = client.get(course.get_absolute_url()).content.decode()
    assert "Record session 2" in html or "Add session 2" in html
    assert "Complete course" not in html
    assert complete_url(course) not in html
    assert reverse("cases:course_end_early", args=[course.pk]) in html


def test_it_offers_completing_from_the_termination_phase(client, therapist):
    course = course_at_termination(therapist, held=12)  # next is 13 of 16: termination
    client.force_login(therapist)
    html = client.get(course.get_absolute_url()).content.decode()
    assert complete_url(course) in html
    assert "Complete the course" in html


# Refusals: nothing changes -------------------------------------------------------------------


def test_it_refuses_a_crafted_post_completing_before_termination(client, therapist):
    course = factories.make_course(therapist=therapist)
    factories.make_session(course)
    before = snapshot(course)
    client.force_login(therapist)
    response = client.post(
        complete_url(course),
        {"version": course.version, "decision": "client_choice", "decision_reason": "Stop"},
    )
    assert response.status_code == 409
    assert "termination phase" in response.content.decode()
    assert snapshot(course) == before


def test_it_refuses_to_complete_with_an_open_risk_flag_and_names_it(client, therapist):
    course = course_at_termination(therapist)
    flag = make_flag(course, reason="Therapist rated suicide risk moderate in session 12.")
    before = snapshot(course)
    client.force_login(therapist)
    page = client.get(complete_url(course)).content.decode()
    assert "suicide risk moderate in session 12" in page
    assert reverse("measures:flag_review", args=[flag.pk]) in page
    response = client.post(
        complete_url(course),
        {"version": course.version, "decision": "refer_on", "decision_reason": "CMHT"},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "suicide risk moderate in session 12" in html and "risk review" in html
    assert snapshot(course) == before
    flag.refresh_from_db()
    assert flag.is_open


def test_it_requires_a_decision_when_the_client_is_still_at_caseness(client, therapist):
    course = course_at_termination(therapist, first=18, last=15)
    before = snapshot(course)
    client.force_login(therapist)
    page = client.get(complete_url(course)).content.decode()
    assert "No reliable change" in page
    response = client.post(complete_url(course), {"version": course.version})
    assert response.status_code == 400
    assert "decide what happens next" in response.context["form"].errors["decision"][0]
    assert snapshot(course) == before


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"decision": "medication_review", "decision_reason": "  "}, "decision_reason"),
        ({"decision": "extend", "decision_reason": "Nearly there"}, "extra_sessions"),
        ({"decision": "extend", "extra_sessions": "0", "decision_reason": "x"}, "extra_sessions"),
        ({"decision": "other", "decision_reason": ""}, "decision_reason"),
        ({"decision": "made_up", "decision_reason": "x"}, "decision"),
    ],
)
def test_it_refuses_an_incomplete_decision_and_keeps_what_was_typed(client, therapist, data, field):
    course = course_at_termination(therapist)
    before = snapshot(course)
    client.force_login(therapist)
    response = client.post(complete_url(course), {"version": course.version, **data})
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert response.context["form"].data["decision"] == data["decision"]
    assert snapshot(course) == before


def test_it_refuses_a_stale_ending_form(client, therapist):
    course = course_at_termination(therapist)
    client.force_login(therapist)
    response = client.post(
        complete_url(course),
        {"version": course.version - 1 or 99, "decision": "refer_on", "decision_reason": "x"},
    )
    assert response.status_code in (400, 409)
    course.refresh_from_db()
    assert course.status == CourseStatus.ACTIVE


# Completing and extending ---------------------------------------------------------------------


def test_it_shows_the_outcome_and_the_relapse_plan_back(client, therapist):
    course = course_at_termination(therapist, first=18, last=5)
    RelapsePreventionPlan.objects.create(course=course, warning_signs="Sleep goes", stressors="X")
    client.force_login(therapist)
    html = client.get(complete_url(course)).content.decode()
    assert "Reliable recovery" in html
    assert "PHQ-9 18 to 5 (down 13)" in html
    assert "2 of 5 parts written" in html


def test_it_completes_a_recovered_course_without_a_decision(client, therapist):
    course = course_at_termination(therapist, first=18, last=5)
    client.force_login(therapist)
    response = client.post(complete_url(course), {"version": course.version})
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.status == CourseStatus.COMPLETED and course.ended_on == timezone.localdate()
    ending = course.endings.get()
    assert ending.kind == "completed" and ending.decision == "" and ending.sessions_held == 13
    assert not course.sessions.not_void().filter(attendance=Attendance.SCHEDULED).exists()
    assert AuditEvent.objects.filter(action="course.complete", object_id=str(course.pk)).exists()


def test_it_completes_a_non_responder_with_the_decision_recorded(client, therapist):
    course = course_at_termination(therapist, first=18, last=16)
    client.force_login(therapist)
    response = client.post(
        complete_url(course),
        {
            "version": course.version,
            "decision": "medication_review",
            "decision_reason": "No reliable change; GP to review the antidepressant.",
        },
    )
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.status == CourseStatus.COMPLETED
    ending = course.endings.get()
    assert (ending.decision, ending.decision_reason) == (
        "medication_review",
        "No reliable change; GP to review the antidepressant.",
    )
    page = client.get(course.get_absolute_url()).content.decode()
    assert "Medication review" in page and "GP to review the antidepressant" in page


def test_extending_adds_sessions_and_keeps_the_course_active(client, therapist):
    course = course_at_termination(therapist, first=18, last=15, held=15)
    course.sessions.all().update(planned_week=None)
    client.force_login(therapist)
    response = client.post(
        complete_url(course),
        {
            "version": course.version,
            "decision": "extend",
            "extra_sessions": "4",
            "decision_reason": "Improving in the last weeks; four more to consolidate.",
        },
    )
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.status == CourseStatus.ACTIVE
    assert course.planned_sessions == 20
    assert "four more to consolidate" in course.length_reason
    assert course.sessions.not_void().filter(attendance=Attendance.SCHEDULED).count() == 20
    ending = course.endings.get()
    assert (ending.kind, ending.extra_sessions) == ("extended", 4)
    assert AuditEvent.objects.filter(action="course.extend").exists()


# Ending early ---------------------------------------------------------------------------------


def test_ending_early_with_an_open_flag_needs_a_risk_handover(client, therapist):
    course = factories.make_course(therapist=therapist)
    factories.make_session(course)
    flag = make_flag(course)
    before = snapshot(course)
    url = reverse("cases:course_end_early", args=[course.pk])
    client.force_login(therapist)
    page = client.get(url).content.decode()
    assert "Who was told about the open risk" in page
    response = client.post(url, {"version": course.version, "reason": "dropped_out"})
    assert response.status_code == 400
    assert {"handover_told", "handover_arranged"} <= set(response.context["form"].errors)
    assert snapshot(course) == before
    response = client.post(
        url,
        {
            "version": course.version,
            "reason": "dropped_out",
            "handover_told": "GP (Dr Patel) by phone",
            "handover_arranged": "GP sees her on Friday; crisis line number given",
        },
    )
    assert response.status_code == 302
    course.refresh_from_db()
    flag.refresh_from_db()
    assert course.status == CourseStatus.ENDED_EARLY
    assert flag.is_open  # ending never closes a flag
    ending = course.endings.get()
    assert ending.open_risk_flags == 1 and ending.handover_told == "GP (Dr Patel) by phone"


def test_ending_early_without_an_open_flag_asks_no_handover(client, therapist):
    course = factories.make_course(therapist=therapist)
    url = reverse("cases:course_end_early", args=[course.pk])
    client.force_login(therapist)
    assert "Who was told" not in client.get(url).content.decode()
    response = client.post(url, {"version": course.version, "reason": "moved_away"})
    assert response.status_code == 302


# Reopening ------------------------------------------------------------------------------------


def closed_course(therapist):
    course = course_at_termination(therapist, first=18, last=5)
    from cases.services.endings import complete_course

    complete_course(therapist, course)
    course.refresh_from_db()
    return course


@pytest.mark.parametrize("who", ["therapist", "supervisor"])
def test_the_therapist_or_supervisor_reopens_with_a_reason_and_the_ending_stays(
    client, therapist, supervisor, who
):
    course = closed_course(therapist)
    client.force_login(therapist if who == "therapist" else supervisor)
    url = reverse("cases:course_reopen", args=[course.pk])
    response = client.post(url, {"version": course.version, "reason": "Relapse after a loss"})
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.status == CourseStatus.ACTIVE and course.ended_on is None
    ending = course.endings.get()
    assert ending.kind == "completed" and ending.reopen_reason == "Relapse after a loss"
    event = AuditEvent.objects.get(action="course.reopen")
    assert event.detail["reason"] == "Relapse after a loss"
    page = client.get(course.get_absolute_url()).content.decode()
    assert "Reopened" in page and "Relapse after a loss" in page


def test_it_refuses_reopening_without_a_reason_or_twice(client, therapist):
    course = closed_course(therapist)
    url = reverse("cases:course_reopen", args=[course.pk])
    client.force_login(therapist)
    before = snapshot(course)
    response = client.post(url, {"version": course.version, "reason": "  "})
    assert response.status_code == 400 and "reason" in response.context["form"].errors
    assert snapshot(course) == before
    version = course.version
    assert client.post(url, {"version": version, "reason": "Came back"}).status_code == 302
    after_first = snapshot(course)
    again = client.post(url, {"version": course.version, "reason": "Came back"})
    assert again.status_code == 409
    assert "open already" in again.content.decode()
    assert snapshot(course) == after_first
    assert AuditEvent.objects.filter(action="course.reopen").count() == 1


def test_the_service_administrator_cannot_reopen(client, therapist, service_admin):
    course = closed_course(therapist)
    client.force_login(service_admin)
    url = reverse("cases:course_reopen", args=[course.pk])
    assert client.post(url, {"version": course.version, "reason": "x"}).status_code == 403
    course.refresh_from_db()
    assert course.status == CourseStatus.COMPLETED


def test_a_reopened_course_can_end_again_and_keeps_both_endings(client, therapist):
    course = closed_course(therapist)
    from cases.services.endings import end_course_early, reopen_course

    reopen_course(therapist, course, "Came back after a bereavement")
    course.refresh_from_db()
    end_course_early(therapist, course, "dropped_out")
    kinds = [(e.kind, e.reopened_at is None) for e in course.endings.all()]
    assert kinds == [("completed", False), ("ended_early", True)]
