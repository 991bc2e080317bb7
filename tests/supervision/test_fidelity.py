"""The fidelity page: a course's IPT structure read back from its records."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Course
from cases.models.courses import CourseStatus
from inventory.models import Formulation
from sessions.models import CommunicationAnalysis, FocalAreaWork, RelapsePreventionPlan, RolePlay
from supervision.fidelity import (
    DONE,
    MISSING,
    NOT_DUE,
    PARTIAL,
    fidelity_items,
    status_counts,
)
from tests import database, factories

pytestmark = pytest.mark.django_db


def items(course) -> dict:
    """The items by key, read through a fresh course (the formulation cache is per instance)."""
    return {item.key: item for item in fidelity_items(Course.objects.get(pk=course.pk))}


def held(course, count: int, **fields) -> list:
    return [factories.make_session(course, **fields) for _ in range(count)]


def url(course) -> str:
    return reverse("supervision:fidelity", args=[course.pk])


# ---- not yet due -------------------------------------------------------------------------


def test_it_does_not_count_later_phases_as_missing_early_in_a_course(course):
    held(course, 2)
    found = items(course)
    assert {key: item.status for key, item in found.items()} == dict.fromkeys(found, NOT_DUE)
    assert found["termination_prepared"].status_label == "Not yet due"
    assert "termination phase (sessions 13-16)" in found["termination_prepared"].missing
    assert "sessions 4-12" in found["focal_techniques"].missing


def test_it_says_not_reached_for_a_course_that_ended_before_that_point(course):
    held(course, 2)
    course.status = CourseStatus.ENDED_EARLY
    course.end_reason = "dropped_out"
    course.save()
    found = items(course)
    assert found["relapse_plan"].status == NOT_DUE
    assert found["relapse_plan"].status_label == "Not reached"
    assert status_counts(list(found.values())) == [("Not reached", NOT_DUE, 11)]


# ---- diagnosis and sick role ---------------------------------------------------------------


def test_it_finds_the_diagnosis_and_sick_role_with_links_to_the_sessions(course):
    first = factories.make_session(course, diagnosis_given=True)
    second = factories.make_session(course, sick_role_explained=True)
    item = items(course)["diagnosis_sick_role"]
    assert item.status == DONE
    assert [e.url for e in item.evidence] == [
        reverse("sessions:detail", args=[first.pk]),
        reverse("sessions:detail", args=[second.pk]),
    ]
    assert item.evidence[0].where == "Session 1: diagnosis given"


def test_it_reports_a_missing_sick_role_after_the_initial_phase(course):
    factories.make_session(course, diagnosis_given=True)
    held(course, 2)
    item = items(course)["diagnosis_sick_role"]
    assert item.status == PARTIAL
    assert item.missing == "No session note records the sick role explained."


def test_it_reports_neither_recorded_as_missing(course):
    held(course, 3)
    assert items(course)["diagnosis_sick_role"].status == MISSING


# ---- inventory before focus ----------------------------------------------------------------


def test_it_is_done_when_the_inventory_came_before_the_focus(course):
    factories.complete_inventory(course, completed_on=timezone.localdate() - datetime.timedelta(1))
    factories.make_formulation(course)
    item = items(course)["inventory_first"]
    assert item.status == DONE
    assert item.evidence[0].url == reverse("inventory:page", args=[course.pk])
    assert item.evidence[1].url == reverse("formulation:version", args=[course.pk, 1])


def test_it_flags_a_focus_chosen_with_no_inventory(course):
    factories.make_formulation(course)
    item = items(course)["inventory_first"]
    assert item.status == MISSING
    assert "no completed inventory" in item.missing


def test_it_flags_a_focus_chosen_before_the_inventory_was_finished(course):
    formulation = factories.make_formulation(course)
    earlier = timezone.now() - datetime.timedelta(days=10)
    Formulation.objects.filter(pk=formulation.pk).update(created_at=earlier)
    factories.complete_inventory(course)
    item = items(course)["inventory_first"]
    assert item.status == PARTIAL
    assert "before the inventory was completed" in item.missing


# ---- one focal area ------------------------------------------------------------------------


def test_it_accepts_work_on_the_primary_and_the_named_secondary_area(course):
    factories.make_formulation(course, primary_area="role_dispute", secondary_area="grief")
    one, two = held(course, 2)
    FocalAreaWork.objects.create(session=one, area="role_dispute", dispute_with="Partner")
    FocalAreaWork.objects.create(session=two, area="grief", mourning="Her mother's illness")
    item = items(course)["one_focus"]
    assert item.status == DONE
    assert "recorded in 2 sessions" in item.found


def test_it_flags_work_on_an_area_outside_the_formulation(course):
    factories.make_formulation(course, primary_area="role_dispute")
    one, two = held(course, 2)
    FocalAreaWork.objects.create(session=one, area="role_dispute", dispute_with="Partner")
    FocalAreaWork.objects.create(session=two, area="grief", mourning="Her mother's illness")
    item = items(course)["one_focus"]
    assert item.status == PARTIAL
    assert "session 2" in item.missing
    assert item.evidence[-1].url == reverse("sessions:detail", args=[two.pk])
    assert "outside the focus" in item.evidence[-1].where


# ---- formulation shared and agreed ---------------------------------------------------------


def test_it_is_done_when_the_client_agreed_the_shared_formulation(course):
    factories.make_formulation(course, shared_on=timezone.localdate(), client_agreed=True)
    item = items(course)["formulation_agreed"]
    assert item.status == DONE
    assert item.evidence[0].where == "Formulation v1 shared (client agreed)"


def test_it_is_partial_when_shared_without_agreement_by_the_end_of_the_initial_phase(course):
    factories.make_formulation(course, shared_on=timezone.localdate())
    assert items(course)["formulation_agreed"].status == NOT_DUE
    held(course, 3)
    item = items(course)["formulation_agreed"]
    assert item.status == PARTIAL
    assert item.missing == "The formulation was shared, but the client's agreement is not recorded."


def test_an_earlier_agreement_does_not_count_for_a_revision_shared_without_it(course):
    held(course, 3)
    factories.make_formulation(course, shared_on=timezone.localdate(), client_agreed=True)
    factories.make_formulation(course, shared_on=timezone.localdate(), primary_area="grief")
    item = items(course)["formulation_agreed"]
    assert item.status == PARTIAL
    assert "agreed to v1, but the revision shared later, v2" in item.missing
    factories.make_formulation(
        course, shared_on=timezone.localdate(), primary_area="grief", client_agreed=True
    )
    assert items(course)["formulation_agreed"].status == DONE


def test_it_is_missing_when_not_shared_by_the_end_of_the_initial_phase(course):
    factories.make_formulation(course)
    held(course, 3)
    item = items(course)["formulation_agreed"]
    assert item.status == MISSING
    assert item.missing == "A formulation is written but has not been shared with the client."


# ---- focal-area techniques in the middle phase ---------------------------------------------


def test_it_counts_middle_sessions_with_focal_work_but_not_a_ticked_box_alone(course):
    held(course, 3)
    four, five, six = held(course, 3)
    FocalAreaWork.objects.create(session=four, area="role_dispute", dispute_with="Partner")
    five.techniques = ["role_dispute_resolution", "clarification"]
    five.save()
    FocalAreaWork.objects.create(session=six, area="role_dispute")  # nothing written in it
    item = items(course)["focal_techniques"]
    assert item.status == PARTIAL
    assert item.found == "Work on the focal area in 1 of 3 middle-phase sessions held."
    assert item.missing.startswith("No work on the focal area is recorded in sessions 5 and 6.")
    assert "ticked in session 5 with nothing written" in item.missing
    FocalAreaWork.objects.create(session=five, area="role_dispute", client_expectations="Help")
    FocalAreaWork.objects.filter(session=six).update(dispute_stage="impasse")
    assert items(course)["focal_techniques"].status == DONE


def test_it_does_not_count_middle_work_on_another_area_as_work_on_the_focus(course):
    factories.make_formulation(course, primary_area="grief")
    held(course, 3)
    four, five = held(course, 2)
    FocalAreaWork.objects.create(session=four, area="grief", mourning="The funeral")
    FocalAreaWork.objects.create(session=five, area="role_dispute", dispute_with="Partner")
    found = items(course)
    assert found["focal_techniques"].status == PARTIAL
    assert found["focal_techniques"].evidence[0].where == "Session 4: grief work"
    assert found["focal_techniques"].missing.endswith("recorded in session 5.")
    assert found["one_focus"].status == PARTIAL
    assert (
        found["one_focus"].evidence[-1].where == "Session 5: role dispute work, outside the focus"
    )


def test_it_is_missing_when_no_middle_session_works_the_focus(course):
    held(course, 5)
    assert items(course)["focal_techniques"].status == MISSING


# ---- communication analysis and role play --------------------------------------------------


def test_it_is_done_with_an_analysis_whose_alternatives_were_role_played(course):
    sessions = held(course, 5)
    CommunicationAnalysis.objects.create(
        session=sessions[4], scene="Kitchen", exchange="'You never help'", role_played=True
    )
    item = items(course)["communication_role_play"]
    assert item.status == DONE
    assert item.evidence[0].where == "Session 5: communication analysis, alternatives role-played"


def test_it_waits_for_the_end_of_the_middle_phase_before_calling_role_play_missing(course):
    sessions = held(course, 6)
    CommunicationAnalysis.objects.create(session=sessions[4], scene="Car", exchange="...")
    item = items(course)["communication_role_play"]
    assert item.status == NOT_DUE
    assert "Not recorded yet: role play" in item.missing
    held(course, 6)  # session 12: the middle phase is over
    item = items(course)["communication_role_play"]
    assert item.status == PARTIAL
    assert item.missing == "No role play recorded in the course."


def test_it_is_done_with_an_analysis_and_a_separate_role_play(course):
    sessions = held(course, 12)
    CommunicationAnalysis.objects.create(session=sessions[4], scene="Car", exchange="...")
    RolePlay.objects.create(session=sessions[6], rehearsed="Asking for a day off")
    assert items(course)["communication_role_play"].status == DONE


def test_it_notes_techniques_ticked_with_nothing_recorded(course):
    held(course, 11)
    held(course, 1, techniques=["role_play"])
    item = items(course)["communication_role_play"]
    assert item.status == MISSING
    assert "Ticked as used in session 12, with nothing written down" in item.missing


# ---- weekly interpersonal tasks ------------------------------------------------------------


def test_it_says_how_many_attended_sessions_agreed_a_task(course):
    held(course, 3)
    held(course, 2, next_task="Ask her partner for Saturday mornings")
    held(course, 1)
    item = items(course)["weekly_tasks"]
    assert item.found == "A task was agreed in 2 of 6 attended sessions."
    assert item.status == PARTIAL
    assert item.missing == "No interpersonal task was agreed in middle-phase session 6."
    assert len(item.evidence) == 2


def test_it_is_done_when_every_middle_session_agreed_a_task(course):
    held(course, 3)
    held(course, 2, next_task="Call her sister")
    assert items(course)["weekly_tasks"].status == DONE


# ---- termination prepared ------------------------------------------------------------------


def test_it_reports_what_termination_work_is_still_missing(course):
    held(course, 12)
    held(course, 1, sessions_remaining_discussed=True)
    item = items(course)["termination_prepared"]
    assert item.status == PARTIAL
    assert item.missing == (
        "Not recorded in any session: gains reviewed and feelings about ending discussed."
    )


def test_it_is_done_when_the_ending_was_prepared_ahead(course):
    held(course, 11)
    held(course, 1, sessions_remaining_discussed=True)
    held(course, 1, gains_reviewed="Speaks up at home", ending_feelings="Sad, proud")
    assert items(course)["termination_prepared"].status == DONE


def test_it_flags_an_ending_first_raised_in_the_last_session(course):
    held(course, 15)
    held(
        course,
        1,
        sessions_remaining_discussed=True,
        gains_reviewed="Calmer",
        ending_feelings="Worried",
    )
    item = items(course)["termination_prepared"]
    assert item.status == PARTIAL
    assert "first discussed in session 16, one of the last two" in item.missing


# ---- relapse-prevention plan ---------------------------------------------------------------


def plan(course, **fields) -> RelapsePreventionPlan:
    return RelapsePreventionPlan.objects.create(course=course, **fields)


FULL_PLAN = {
    "warning_signs": "Waking early",
    "stressors": "Year-end at work",
    "what_helped": "Saying what she needs",
    "what_to_do": "Restart the Sunday check-in",
    "who_to_contact": "GP",
}


def test_it_is_done_with_every_part_of_the_plan_and_links_the_termination_note(course):
    sessions = held(course, 14)
    plan(course, **FULL_PLAN)
    item = items(course)["relapse_plan"]
    assert item.status == DONE
    assert item.evidence[0].url == (
        reverse("sessions:detail", args=[sessions[-1].pk]) + "#plan-relapse"
    )


def test_it_waits_for_the_last_session_while_the_plan_is_built(course):
    held(course, 14)
    plan(course, warning_signs="Waking early")
    item = items(course)["relapse_plan"]
    assert item.status == NOT_DUE
    assert item.missing.startswith("In progress; still to write: likely stressors ahead")


def test_it_names_the_missing_parts_of_a_completed_course_plan(course):
    held(course, 16)
    plan(course, warning_signs="Waking early", stressors="Exams")
    item = items(course)["relapse_plan"]
    assert item.status == PARTIAL
    assert "who to contact" in item.missing


def test_it_is_missing_without_a_plan_at_the_end(course):
    held(course, 12)
    course.status = CourseStatus.COMPLETED
    course.save()
    assert items(course)["relapse_plan"].status == MISSING


# ---- the page ------------------------------------------------------------------------------


def busy_course(therapist, sessions: int) -> Course:
    course = factories.make_course(therapist=therapist)
    factories.complete_inventory(course)
    factories.make_formulation(course, shared_on=timezone.localdate(), client_agreed=True)
    for session in held(course, sessions, next_task="Call her sister", techniques=["role_play"]):
        FocalAreaWork.objects.create(session=session, area="role_dispute", dispute_with="Sam")
        session.people_involved.add(factories.make_person(course))
        CommunicationAnalysis.objects.create(session=session, scene="Home", exchange="...")
        RolePlay.objects.create(session=session, rehearsed="Saying no")
    plan(course, **FULL_PLAN)
    return course


def test_its_query_count_does_not_grow_with_the_course(
    client, therapist, supervisor, django_assert_num_queries
):
    short, long = busy_course(therapist, 4), busy_course(therapist, 14)
    factories.make_formulation(long)
    client.force_login(supervisor)
    # 13 (the session with its user one query), the audit row's INSERT among them, plus the
    # audit chain's own queries.
    expected = 13 + database.audit_append_queries()
    with django_assert_num_queries(expected):
        assert client.get(url(short)).status_code == 200
    with django_assert_num_queries(expected):
        assert client.get(url(long)).status_code == 200


def test_it_shows_the_items_with_their_evidence_to_the_therapist_read_only(client, course):
    factories.make_session(course, diagnosis_given=True, sick_role_explained=True)
    client.force_login(course.therapist)
    response = client.get(url(course))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Diagnosis given and sick role explained" in html
    assert reverse("sessions:detail", args=[course.sessions.get(number=1).pk]) in html
    assert "Read only" in html and "Ratings come from your supervisor" in html
    assert reverse("supervision:rating_new", args=[course.pk]) not in html


def test_it_offers_the_supervisor_the_rating_form(client, course, supervisor):
    client.force_login(supervisor)
    html = client.get(url(course)).content.decode()
    assert reverse("supervision:rating_new", args=[course.pk]) in html
    assert "Read only" not in html


def test_a_service_admin_reads_it_without_rating(client, course, service_admin):
    client.force_login(service_admin)
    html = client.get(url(course)).content.decode()
    assert "Read only" in html
    assert reverse("supervision:rating_new", args=[course.pk]) not in html


@pytest.mark.parametrize("stranger", ["other_therapist", "other_supervisor"])
def test_it_is_not_found_for_anyone_outside_the_course(client, course, stranger, request):
    client.force_login(request.getfixturevalue(stranger))
    assert client.get(url(course)).status_code == 404


def test_it_sends_a_signed_out_visitor_to_sign_in(client, course):
    response = client.get(url(course))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_it_refuses_a_post(client, course):
    client.force_login(course.therapist)
    assert client.post(url(course)).status_code == 405


def test_the_course_page_links_to_it(client, course):
    client.force_login(course.therapist)
    html = client.get(course.get_absolute_url()).content.decode()
    assert f'href="{url(course)}"' in html
