"""Each dashboard flag: a course that raises it and one that does not."""

import datetime

import pytest
from django.utils import timezone

from cases.models import Course
from cases.models.courses import CourseStatus
from measures.queries import outcomes_for
from sessions.models import CommunicationAnalysis, FocalAreaWork, NoteStatus, RolePlay
from supervision import flags
from supervision.flags import facts_for, raised, with_flag_facts, working_days_between
from tests import factories
from tests.measures.factories import make_flag, make_response

pytestmark = pytest.mark.django_db


def today():
    """Read when a test runs, not at import: a run that crosses midnight stays right."""
    return timezone.localdate()


def flag_keys(course, today=None) -> set[str]:
    courses = list(with_flag_facts(Course.objects.filter(pk=course.pk)))
    facts = facts_for(courses, outcomes_for(courses), today=today)
    return {flag.key for flag in raised(facts[course.pk])}


def course_with(
    attended: int, planned: int = 16, notes: dict | None = None, signed: bool = True, **fields
):
    """An active course whose ``attended`` signed sessions were weekly, the last a week ago.

    ``notes`` maps a session number to note fields to sign it with (signed notes are frozen).
    ``signed=False`` leaves them drafts, for tests that add analyses or focal-area work to them
    later: the database refuses new records on a signed note.
    """
    fields.setdefault("start_date", today() - datetime.timedelta(weeks=max(attended, 1)))
    course = factories.make_course(planned_sessions=planned, **fields)
    sessions = [
        factories.make_session(
            course,
            **{"status": NoteStatus.SIGNED if signed else NoteStatus.DRAFT}
            | {"next_task": "Call my sister"}
            | (notes or {}).get(number, {}),
        )
        for number in range(1, attended + 1)
    ]
    return course, sessions


def test_working_days_count_monday_to_friday():
    friday = datetime.date(2026, 1, 9)
    assert working_days_between(friday, friday) == 0
    assert working_days_between(friday, datetime.date(2026, 1, 12)) == 1  # Monday
    assert working_days_between(friday, datetime.date(2026, 1, 13)) == 2  # Tuesday
    assert working_days_between(friday, datetime.date(2026, 1, 11)) == 0  # the weekend
    monday = datetime.date(2026, 1, 5)
    assert working_days_between(monday, datetime.date(2026, 1, 8)) == 3
    assert working_days_between(monday, monday + datetime.timedelta(weeks=2)) == 10
    assert working_days_between(monday, friday - datetime.timedelta(days=30)) == 0


def test_every_flag_has_a_key_label_and_explanation():
    keys = [flag.key for flag in flags.FLAGS]
    assert len(keys) == len(set(keys)) == 21  # 20 + "mania" (IPSRT, H46)
    for flag in flags.FLAGS:
        assert flag.label and flag.explanation.endswith(".") and callable(flag.rule)


def test_open_risk():
    course, _ = course_with(2)
    assert "risk" not in flag_keys(course)
    risk = make_flag(course)
    assert "risk" in flag_keys(course)
    risk.closed_at = timezone.now()
    risk.save()
    assert "risk" not in flag_keys(course)


def test_not_on_track():
    course, _ = course_with(6)
    make_response(course, "phq9", 20, on=today() - datetime.timedelta(weeks=6))
    make_response(course, "phq9", 12, on=today() - datetime.timedelta(weeks=1))
    assert "not_on_track" not in flag_keys(course)
    stuck, _ = course_with(6)
    make_response(stuck, "phq9", 20, on=today() - datetime.timedelta(weeks=6))
    make_response(stuck, "phq9", 19, on=today() - datetime.timedelta(weeks=1))
    assert "not_on_track" in flag_keys(stuck)


def test_reliable_deterioration():
    course, _ = course_with(3)
    make_response(course, "phq9", 10, on=today() - datetime.timedelta(weeks=3))
    make_response(course, "phq9", 12, on=today() - datetime.timedelta(weeks=1))
    assert "deterioration" not in flag_keys(course)
    worse, _ = course_with(3)
    make_response(worse, "phq9", 10, on=today() - datetime.timedelta(weeks=3))
    make_response(worse, "phq9", 17, on=today() - datetime.timedelta(weeks=1))
    assert "deterioration" in flag_keys(worse)


def test_no_formulation_shared_by_the_end_of_the_initial_phase():
    early, _ = course_with(2)
    assert "no_formulation" not in flag_keys(early)
    late, _ = course_with(3)
    factories.make_formulation(late)  # a draft, never shared
    assert "no_formulation" in flag_keys(late)
    shared, _ = course_with(3)
    factories.complete_inventory(shared, completed_on=today() - datetime.timedelta(weeks=2))
    factories.make_formulation(shared, shared_on=today() - datetime.timedelta(weeks=1))
    assert "no_formulation" not in flag_keys(shared)


def test_formulation_shared_with_the_inventory_incomplete():
    shared_on = today() - datetime.timedelta(weeks=1)
    course, _ = course_with(3)
    factories.make_formulation(course, shared_on=shared_on)
    assert "early_formulation" in flag_keys(course)
    factories.complete_inventory(course, completed_on=shared_on + datetime.timedelta(days=1))
    assert "early_formulation" in flag_keys(course)
    good, _ = course_with(3)
    factories.complete_inventory(good, completed_on=shared_on)
    factories.make_formulation(good, shared_on=shared_on)
    assert "early_formulation" not in flag_keys(good)


def test_more_than_one_focal_area_worked():
    course, sessions = course_with(5, signed=False)
    factories.make_formulation(course, primary_area="role_dispute", secondary_area="grief")
    FocalAreaWork.objects.create(session=sessions[3], area="role_dispute", dispute_with="Partner")
    FocalAreaWork.objects.create(session=sessions[4], area="grief", mourning="Her father")
    # A row whose prompts are all empty is not work on the area.
    FocalAreaWork.objects.create(session=sessions[4], area="role_transition")
    assert "several_areas" not in flag_keys(course)
    FocalAreaWork.objects.create(session=sessions[3], area="role_transition", old_role="Job")
    assert "several_areas" in flag_keys(course)


def test_two_focal_areas_worked_before_any_formulation():
    course, sessions = course_with(3, signed=False)
    FocalAreaWork.objects.create(session=sessions[1], area="grief", mourning="Her father")
    assert "several_areas" not in flag_keys(course)
    FocalAreaWork.objects.create(session=sessions[2], area="role_dispute", dispute_with="Boss")
    assert "several_areas" in flag_keys(course)


def test_no_role_play_by_the_middle_phase_midpoint():
    # 16 sessions: middle phase 4-12, midpoint 8.
    before, _ = course_with(7, signed=False)
    assert "no_role_play" not in flag_keys(before)
    course, sessions = course_with(8, signed=False)
    assert "no_role_play" in flag_keys(course)
    RolePlay.objects.create(session=sessions[5], rehearsed="Asking for help")
    assert "no_role_play" not in flag_keys(course)
    analysed, sessions = course_with(8, signed=False)
    analysis = CommunicationAnalysis.objects.create(
        session=sessions[4], scene="Kitchen", exchange="...", role_played=False
    )
    assert "no_role_play" in flag_keys(analysed)
    analysis.role_played = True
    analysis.save()
    assert "no_role_play" not in flag_keys(analysed)


def test_no_interpersonal_task_in_the_last_two_sessions():
    course, _ = course_with(6)
    assert "no_task" not in flag_keys(course)
    no_task = {"next_task": ""}
    drifting, _ = course_with(6, notes={5: no_task, 6: no_task})
    assert "no_task" in flag_keys(drifting)
    one_task, _ = course_with(6, notes={5: no_task})
    assert "no_task" not in flag_keys(one_task)


def test_no_task_is_not_expected_in_the_initial_phase():
    no_task = {"next_task": ""}
    course, _ = course_with(3, notes={1: no_task, 2: no_task, 3: no_task})
    assert "no_task" not in flag_keys(course)


def test_ending_not_discussed_by_the_first_termination_session():
    # 12 sessions: termination 10-12.
    before, _ = course_with(9, planned=12)
    assert "ending" not in flag_keys(before)
    course, _ = course_with(10, planned=12)
    assert "ending" in flag_keys(course)
    counted, _ = course_with(10, planned=12, notes={10: {"sessions_remaining_discussed": True}})
    assert "ending" not in flag_keys(counted)
    felt, _ = course_with(10, planned=12, notes={10: {"ending_feelings": "Worried"}})
    assert "ending" not in flag_keys(felt)


def test_sessions_past_the_planned_length():
    on_plan, _ = course_with(12, planned=12)
    assert "past_length" not in flag_keys(on_plan)
    over, _ = course_with(13, planned=12)
    assert "past_length" in flag_keys(over)


def test_notes_unsigned_more_than_two_working_days():
    monday = datetime.date(2026, 1, 5)
    course = factories.make_course(start_date=monday)
    held = timezone.make_aware(datetime.datetime(2026, 1, 5, 10, 0))
    session = factories.make_session(course, scheduled_for=held, status=NoteStatus.DRAFT)
    assert "unsigned" not in flag_keys(course, today=datetime.date(2026, 1, 7))  # 2 days
    assert "unsigned" in flag_keys(course, today=datetime.date(2026, 1, 8))  # 3 days
    session.status = NoteStatus.RETURNED
    session.save()
    assert "unsigned" in flag_keys(course, today=datetime.date(2026, 1, 8))
    session.status = NoteStatus.SIGNED
    session.save()
    assert "unsigned" not in flag_keys(course, today=datetime.date(2026, 1, 8))


def test_no_questionnaire_in_the_last_two_sessions():
    course, sessions = course_with(4)
    assert "no_questionnaire" in flag_keys(course)
    make_response(course, "phq9", 12, on=sessions[-1].held_at.date(), session=sessions[-1])
    assert "no_questionnaire" not in flag_keys(course)


def test_a_questionnaire_on_the_day_counts_and_a_voided_one_does_not():
    course, sessions = course_with(4)
    response = make_response(course, "gad7", 8, on=timezone.localdate(sessions[-2].held_at))
    assert "no_questionnaire" not in flag_keys(course)
    response.voided_at = timezone.now()
    response.void_reason = "Entered on the wrong client"
    response.save()
    assert "no_questionnaire" in flag_keys(course)


def test_overdue_after_fourteen_days_without_a_session():
    course = factories.make_course(start_date=today() - datetime.timedelta(days=30))
    factories.make_session(
        course, scheduled_for=timezone.now() - datetime.timedelta(days=15), status="signed"
    )
    assert "overdue" in flag_keys(course)
    factories.make_session(
        course, scheduled_for=timezone.now() - datetime.timedelta(days=10), status="signed"
    )
    assert "overdue" not in flag_keys(course)


def test_overdue_needs_a_course_started_fourteen_days_ago():
    new = factories.make_course(start_date=today() - datetime.timedelta(days=10))
    assert "overdue" not in flag_keys(new)
    silent = factories.make_course(start_date=today() - datetime.timedelta(days=20))
    assert "overdue" in flag_keys(silent)
    planned = factories.make_course(
        start_date=today() - datetime.timedelta(days=20), status=CourseStatus.PLANNED
    )
    assert "overdue" not in flag_keys(planned)


@pytest.mark.parametrize("count", [1, 10])
def test_it_gathers_the_facts_of_many_courses_in_a_fixed_number_of_queries(
    count, django_assert_num_queries
):
    for _ in range(count):
        course, sessions = course_with(8, signed=False)
        factories.make_formulation(course, primary_area="role_dispute")
        FocalAreaWork.objects.create(session=sessions[4], area="grief", mourning="Mother")
        RolePlay.objects.create(session=sessions[5], rehearsed="Saying no")
    courses = list(with_flag_facts(Course.objects.all()))
    outcomes = outcomes_for(courses)
    # The fidelity records the traps read: the sessions (each saying whether it has a
    # questionnaire, a role play, people linked to mood), focal-area work, formulations.
    with django_assert_num_queries(3):
        facts = facts_for(courses, outcomes)
    assert all(len(f.sessions) == 8 for f in facts.values())
    assert all(
        [e.where for e in f.caught["several_areas"].evidence]
        == ["Session 5: grief work, outside the focus"]
        for f in facts.values()
    )
