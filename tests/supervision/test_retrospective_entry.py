"""A course written up late raises no false flag: every date compared is the client's date.

The therapist records everything after the event: the sessions, the inventory marked complete
and the formulation shared, each with its real past date. The supervisor's flags, the fidelity
page and the course page's checklist must read those dates, not the days the buttons were pressed.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Course
from cases.models.courses import CourseStatus
from cases.services import courses as course_services
from cases.services import endings as ending_services
from measures.queries import outcomes_for
from sessions.checklist import initial_phase_checklist
from sessions.models import FocalAreaWork, NoteStatus, RolePlay, Session
from supervision import flags
from supervision.fidelity import fidelity_items
from supervision.flags import facts_for, raised, with_flag_facts
from tests import factories
from tests.measures.factories import make_response

pytestmark = pytest.mark.django_db


def today():
    """Read when a test runs, not at import: a run that crosses midnight stays right."""
    return timezone.localdate()


def flag_keys(course) -> set[str]:
    courses = list(with_flag_facts(Course.objects.filter(pk=course.pk)))
    facts = facts_for(courses, outcomes_for(courses))
    return {flag.key for flag in raised(facts[course.pk])}


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


def held_well(course, day: datetime.date, number: int, planned: int):
    """An attended session as a good IPT session is written up (signed, with a task and last
    week's reviewed, the mood linked to a person, a questionnaire, the ending counted down in
    the termination phase)."""
    ending = number > planned - 4
    session = factories.make_session(
        course,
        scheduled_for=at(day),
        next_task="Ask my sister to help with the children on Saturday",
        task_review="" if number == 1 else "partly",
        diagnosis_given=number == 1,
        sick_role_explained=number == 1,
        psychoeducation_given=number == 1,
        risk_asked=True,
        sessions_remaining_discussed=ending,
        ending_feelings="Sad, and proud of the change" if ending else "",
    )
    make_response(course, "phq9", max(18 - 2 * number, 4), on=day, session=session)
    if number >= 4:
        FocalAreaWork.objects.create(session=session, area="role_dispute", dispute_with="Dan")
    if number == 6:
        RolePlay.objects.create(session=session, rehearsed="Asking Dan for an evening out")
    sister = course.people.first() or factories.make_person(course, name="Ruth")
    session.people_involved.add(sister)
    # Signed once complete (the database freezes a signed note's records), today: weeks late.
    Session.objects.filter(pk=session.pk).update(
        status=NoteStatus.SIGNED, signed_at=timezone.now(), signed_by=course.therapist
    )
    session.refresh_from_db()
    return session


def write_up(client, therapist, *, held: int, last_held: datetime.date, planned: int = 16):
    """A course whose ``held`` weekly sessions ended on ``last_held``, all recorded today."""
    start = last_held - datetime.timedelta(weeks=held - 1)
    course = factories.make_course(
        therapist=therapist, planned_sessions=planned, start_date=start, status="planned"
    )
    course_services.start_course(therapist, course)  # pressed today
    days = [start + datetime.timedelta(weeks=week) for week in range(held)]
    for number, day in enumerate(days, start=1):
        held_well(course, day, number, planned)
    for _ in range(3):
        factories.make_person(course)
    third = days[2]  # inventory finished and formulation shared in session 3
    client.force_login(therapist)
    response = client.post(
        reverse("inventory:complete", args=[course.pk]), {"completed_on": third.isoformat()}
    )
    assert response.status_code == 302
    response = client.post(
        reverse("formulation:save", args=[course.pk]),
        {
            "primary_area": "role_dispute",
            "plain_words": "Your mood fell when the rows with Dan began.",
            "goal_1": "Ask Dan for one evening together a week",
            "goal_2": "Say what I need about chores calmly",
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("formulation:share", args=[course.pk]),
        {"shared_on": third.isoformat(), "client_agreed": "on", "client_words": "Rows, then low."},
    )
    assert response.status_code == 302
    return course, days


def test_a_session_written_up_a_day_late_raises_no_shared_before_inventory_flag(client, therapist):
    course, days = write_up(client, therapist, held=3, last_held=today() - datetime.timedelta(1))
    assert "early_formulation" not in flag_keys(course)
    assert flag_keys(course) == set()


def test_an_ongoing_course_written_up_weeks_late_raises_no_flag(client, therapist):
    # Eight sessions, the first seven weeks ago, the last three days ago: all recorded today.
    course, days = write_up(client, therapist, held=8, last_held=today() - datetime.timedelta(3))
    assert flag_keys(course) == set(), [f.label for f in flags.FLAGS if f.key in flag_keys(course)]


def test_a_whole_course_written_up_weeks_late_raises_no_flag(client, therapist):
    # Sixteen sessions ending four weeks ago, then completed today.
    course, days = write_up(client, therapist, held=16, last_held=today() - datetime.timedelta(28))
    ending_services.complete_course(
        therapist, course, decision="client_choice", reason="Well enough to stop"
    )
    assert flag_keys(course) == set()
    course = Course.objects.with_progress().get(pk=course.pk)
    assert course.status == CourseStatus.COMPLETED
    assert (course.clinical_start, course.clinical_end) == (days[0], days[-1])
    assert (course.started_on, course.ended_on) == (today(), today())  # the clicks, kept


def test_the_fidelity_page_and_the_checklist_read_the_clinical_dates(client, therapist):
    course, days = write_up(client, therapist, held=16, last_held=today() - datetime.timedelta(28))
    ending_services.complete_course(
        therapist, course, decision="client_choice", reason="Well enough to stop"
    )
    items = {item.key: item for item in fidelity_items(Course.objects.get(pk=course.pk))}
    assert items["inventory_first"].status == "done", items["inventory_first"].missing
    assert items["formulation_agreed"].status == "done"
    assert {e.on for e in items["inventory_first"].evidence} == {days[2]}
    checklist = {
        item.key: item for item in initial_phase_checklist(Course.objects.get(pk=course.pk))
    }
    for key in ("inventory_taken", "focal_area_chosen", "formulation_shared"):
        assert checklist[key].evidence.on == days[2], key
    assert checklist["diagnosis_given"].evidence.on == days[0]


def test_a_course_begun_in_the_app_late_is_overdue_by_the_client_s_dates(therapist):
    """The "Start" button pressed today does not hide that the client has not been seen
    since the first appointment three weeks ago."""
    course = factories.make_course(
        therapist=therapist, start_date=today() - datetime.timedelta(weeks=3), status="planned"
    )
    course_services.start_course(therapist, course)
    assert "overdue" in flag_keys(course)
    factories.make_session(course, scheduled_for=at(today() - datetime.timedelta(days=2)))
    assert "overdue" not in flag_keys(course)
