"""Each trap: a course that trips it and one that does not, and the link to where it shows."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Course
from cases.models.courses import CourseStatus
from sessions.models import FocalAreaWork, TaskReview
from supervision import traps
from supervision.fidelity import MISSING, PARTIAL, fidelity_items
from supervision.fidelity_records import load
from tests import factories

pytestmark = pytest.mark.django_db


def today():
    """Read when a test runs, not at import: a run that crosses midnight stays right."""
    return timezone.localdate()


# A session that does everything the traps look for, unless told otherwise.
GOOD_INITIAL = {"psychoeducation_given": True, "risk_asked": True}


def make_course(**fields) -> Course:
    fields.setdefault("start_date", today() - datetime.timedelta(weeks=20))
    return factories.make_course(**fields)


def caught(course) -> dict[str, traps.Caught]:
    return {found.key: found for found in traps.caught(load(Course.objects.get(pk=course.pk)))}


def session_link(session) -> str:
    return reverse("sessions:detail", args=[session.pk])


def held(course, count: int, **fields) -> list:
    return [factories.make_session(course, **fields) for _ in range(count)]


def test_every_trap_has_an_id_label_explanation_rule_and_link_builder():
    keys = [trap.key for trap in traps.TRAPS]
    assert len(keys) == len(set(keys)) == 8
    for trap in traps.TRAPS:
        assert trap.label and trap.explanation.endswith(".")
        assert callable(trap.rule) and callable(trap.link)


# ---- middle session without focal-area work -----------------------------------------------


def test_a_middle_session_without_focal_work_trips_it():
    course = make_course()
    factories.make_formulation(course, primary_area="grief")
    held(course, 3)
    four, five = held(course, 2, techniques=["grief_work"])
    FocalAreaWork.objects.create(session=four, area="grief", mourning="The funeral")
    found = caught(course)["middle_no_focus"]
    assert [e.url for e in found.evidence] == [session_link(five)]
    assert found.evidence[0].where == "Session 5: no work on the focal area recorded"


def test_middle_sessions_that_all_work_the_focus_do_not_trip_it():
    course = make_course()
    factories.make_formulation(course, primary_area="grief")
    held(course, 3)  # initial sessions need no focal work
    for session in held(course, 2):
        FocalAreaWork.objects.create(session=session, area="grief", restoring="Choir again")
    assert "middle_no_focus" not in caught(course)


# ---- task set but not reviewed ------------------------------------------------------------


def test_a_task_not_reviewed_in_the_next_session_trips_it():
    course = make_course()
    held(course, 1, next_task="Ask her sister to visit")
    second = factories.make_session(course, task_review="")
    third = factories.make_session(course, task_review=TaskReview.NONE_SET)
    found = caught(course)["task_not_reviewed"]
    assert [e.url for e in found.evidence] == [session_link(second)]
    assert found.evidence[0].where == "Session 2: the task agreed in session 1 was not reviewed"
    # A review of "no task was set" after a session that set one is not a review either.
    second.next_task = "Call the choir leader"
    second.save()
    assert [e.url for e in caught(course)["task_not_reviewed"].evidence] == [
        session_link(second),
        session_link(third),
    ]


def test_tasks_reviewed_the_next_session_do_not_trip_it():
    course = make_course()
    held(course, 1, next_task="Ask her sister to visit")
    factories.make_session(course, task_review=TaskReview.PARTLY, next_task="Call again")
    factories.make_session(course, task_review=TaskReview.DONE)
    factories.make_session(course)  # no task was set in session 3: nothing to review
    assert "task_not_reviewed" not in caught(course)


# ---- ending not discussed before the last two sessions -------------------------------------


def test_an_ending_first_discussed_in_the_last_two_sessions_trips_it():
    course = make_course()
    held(course, 14)
    fifteen = factories.make_session(course, sessions_remaining_discussed=True)
    found = caught(course)["ending_late"]
    assert [e.url for e in found.evidence] == [session_link(fifteen)]
    assert "first discussed, in one of the last two" in found.evidence[0].where


def test_an_ending_never_discussed_by_the_session_before_the_last_two_trips_it():
    course = make_course()
    sessions = held(course, 13)
    assert "ending_late" not in caught(course)  # session 14 can still discuss it
    fourteen = factories.make_session(course)
    assert sessions and [e.url for e in caught(course)["ending_late"].evidence] == [
        session_link(fourteen)
    ]


def test_an_ending_discussed_ahead_does_not_trip_it():
    course = make_course()
    held(course, 13)
    held(course, 1, ending_feelings="Worried about managing alone")
    held(course, 2)
    assert "ending_late" not in caught(course)


def test_a_short_course_scales_the_deadline():
    course = make_course(planned_sessions=12)
    held(course, 9)
    held(course, 1, sessions_remaining_discussed=True)  # session 10 of 12: in time
    assert "ending_late" not in caught(course)
    late = make_course(planned_sessions=12)
    held(late, 10)
    assert "ending_late" in caught(late)


# ---- mood linked to a person ---------------------------------------------------------------


def test_no_session_linking_mood_to_a_person_trips_it_once_the_middle_phase_begins():
    course = make_course()
    held(course, 3)
    assert "mood_not_linked" not in caught(course)
    four = factories.make_session(course)
    found = caught(course)["mood_not_linked"]
    assert [e.url for e in found.evidence] == [session_link(four)]


def test_a_session_naming_a_person_in_the_mood_changes_does_not_trip_it():
    course = make_course()
    sister = factories.make_person(course, name="Ruth", relationship="sister")
    second = held(course, 4)[1]
    second.people_involved.add(sister)
    assert "mood_not_linked" not in caught(course)


# ---- psychoeducation and the risk question -------------------------------------------------


def test_no_psychoeducation_in_the_initial_phase_trips_it():
    course = make_course()
    first = held(course, 3, risk_asked=True)[0]
    found = caught(course)["no_psychoeducation"]
    assert found.evidence[0].url == session_link(first)
    assert "no_risk_question" not in caught(course)
    item = {i.key: i for i in fidelity_items(course)}["psychoeducation"]
    assert item.status == MISSING


def test_psychoeducation_first_given_after_the_initial_phase_trips_it_with_that_session():
    course = make_course()
    held(course, 3, risk_asked=True)
    four = factories.make_session(course, psychoeducation_given=True)
    found = caught(course)["no_psychoeducation"]
    assert [e.url for e in found.evidence] == [session_link(four)]
    item = {i.key: i for i in fidelity_items(course)}["psychoeducation"]
    assert item.status == PARTIAL and "after the initial phase" in item.missing


def test_psychoeducation_and_the_risk_question_in_the_initial_phase_do_not_trip_them():
    course = make_course()
    held(course, 1)
    held(course, 1, **GOOD_INITIAL)
    held(course, 2)
    found = caught(course)
    assert "no_psychoeducation" not in found and "no_risk_question" not in found


def test_the_risk_question_not_asked_in_the_initial_phase_trips_it():
    course = make_course()
    held(course, 2, psychoeducation_given=True)
    assert "no_risk_question" not in caught(course)  # the initial phase is not over
    held(course, 1, risk_asked=False)
    found = caught(course)["no_risk_question"]
    assert len(found.evidence) == 3
    assert "direct question about suicidal thoughts not recorded" in found.evidence[0].where
    item = {i.key: i for i in fidelity_items(course)}["risk_question"]
    assert item.status == MISSING


# ---- formulation not agreed ----------------------------------------------------------------


def test_a_formulation_shared_without_agreement_trips_it_after_the_initial_phase():
    course = make_course()
    factories.complete_inventory(course)
    factories.make_formulation(course, shared_on=today())
    held(course, 2)
    assert "formulation_not_agreed" not in caught(course)
    held(course, 1)
    found = caught(course)["formulation_not_agreed"]
    assert found.evidence[0].url == reverse("formulation:version", args=[course.pk, 1])
    assert found.evidence[0].where == "Formulation v1: shared, the client's agreement not recorded"


def test_a_later_revision_the_client_agreed_to_counts():
    course = make_course()
    held(course, 3)
    factories.make_formulation(course, shared_on=today())
    factories.make_formulation(course, shared_on=today(), client_agreed=True)
    assert "formulation_not_agreed" not in caught(course)


def test_an_earlier_agreement_does_not_cover_a_revision_shared_without_it():
    course = make_course()
    held(course, 3)
    factories.make_formulation(course, shared_on=today(), client_agreed=True)
    factories.make_formulation(course, shared_on=today(), primary_area="grief")
    found = caught(course)["formulation_not_agreed"]
    assert found.evidence[0].url == reverse("formulation:version", args=[course.pk, 2])


def test_a_completed_course_has_reached_every_point():
    course = make_course(planned_sessions=12)
    held(course, 2)
    Course.objects.filter(pk=course.pk).update(status=CourseStatus.COMPLETED)
    found = caught(course)
    assert {"no_psychoeducation", "no_risk_question", "ending_late"} <= set(found)


# ---- a page of courses ---------------------------------------------------------------------


def busy_course() -> Course:
    course = make_course()
    factories.make_formulation(course, primary_area="grief", shared_on=today())
    person = factories.make_person(course)
    for session in held(course, 6, next_task="Call a friend"):
        FocalAreaWork.objects.create(session=session, area="role_dispute", dispute_with="Sam")
        session.people_involved.add(person)
    return course


@pytest.mark.parametrize("count", [1, 12])
def test_a_page_of_courses_costs_the_same_queries(count, django_assert_num_queries):
    courses = list(Course.objects.filter(pk__in=[busy_course().pk for _ in range(count)]))
    with django_assert_num_queries(8):
        found = traps.caught_for_many(courses)
    assert len(found) == count
    for course in courses:
        keys = {c.key for c in found[course.pk]}
        assert {"several_areas", "task_not_reviewed", "formulation_not_agreed"} <= keys
        assert "mood_not_linked" not in keys


def test_the_dashboard_links_a_trap_to_its_evidence(client, supervisor, therapist):
    course = make_course(therapist=therapist)
    held(course, 1, next_task="Ask her sister to visit")
    second = factories.make_session(course)
    client.force_login(supervisor)
    html = client.get(reverse("supervision:dashboard")).content.decode()
    assert f'href="{session_link(second)}" title="An interpersonal task was agreed' in html
    assert 'data-flag="task_not_reviewed">Task not reviewed</a>' in html


def test_the_fidelity_page_lists_the_traps_with_their_links(client, supervisor, therapist):
    course = make_course(therapist=therapist)
    held(course, 3, **GOOD_INITIAL)
    factories.make_formulation(course, shared_on=today())
    client.force_login(supervisor)
    html = client.get(reverse("supervision:fidelity", args=[course.pk])).content.decode()
    assert 'data-testid="trap-formulation_not_agreed"' in html
    assert reverse("formulation:version", args=[course.pk, 1]) in html
    assert 'data-testid="trap-no_risk_question"' not in html


def test_the_fidelity_page_says_when_no_trap_is_caught(client, course):
    client.force_login(course.therapist)
    html = client.get(reverse("supervision:fidelity", args=[course.pk])).content.decode()
    assert 'data-testid="no-traps"' in html
