"""Every supervisor's flag (the dashboard's, the traps', the focal-work rule's) for each kind of
course: raised or not. A maintenance course continues a completed acute course, so the acute
course's own steps (assessment, inventory, formulation, drift, tasks, role play, the ending)
must never be asked of it; safety, worsening, signing, measures and lateness (scaled to its
cadence) are."""

import datetime

import pytest
from django.utils import timezone

from cases.course_kinds import Cadence
from cases.models import Course
from cases.models.courses import CourseStatus
from measures.queries import outcomes_for
from sessions.models import FocalAreaWork, NoteStatus
from supervision import flags
from supervision.flags import facts_for, raised, with_flag_facts
from supervision.traps import TRAPS
from tests import factories
from tests.measures.factories import make_flag, make_response

pytestmark = pytest.mark.django_db


def today():
    """Read when a test runs, not at import: a run that crosses midnight stays right."""
    return timezone.localdate()


KINDS = ("acute", "maintenance")
PLANNED = 12  # inside both kinds' range: acute 1-3 / 4-9 / 10-12; maintenance 1-11 / 12


def flag_keys(course) -> set[str]:
    courses = list(with_flag_facts(Course.objects.filter(pk=course.pk)))
    facts = facts_for(courses, outcomes_for(courses))
    return {flag.key for flag in raised(facts[course.pk])}


def course_of(kind: str, attended: int, *, weeks_apart: int = 1, last_days_ago: int = 7, **notes):
    """An active course of ``kind`` with ``attended`` signed sessions ``weeks_apart`` apart, the
    last ``last_days_ago`` days ago. ``notes`` maps "s<number>" to note fields for that session."""
    first = today() - datetime.timedelta(days=last_days_ago, weeks=weeks_apart * (attended - 1))
    fields = {"planned_sessions": PLANNED, "start_date": first}
    if kind == "maintenance":
        therapist = factories.make_therapist()
        acute = factories.make_course(
            therapist=therapist,
            status=CourseStatus.COMPLETED,
            start_date=first - datetime.timedelta(weeks=20),
        )
        fields |= {
            "therapist": therapist,
            "client": acute.client,
            "continues_course": acute,
            "cadence_weeks": Cadence.MONTHLY,
        }
    course = factories.make_course(**fields)
    sessions = []
    for number in range(1, attended + 1):
        when = timezone.make_aware(
            datetime.datetime.combine(
                first + datetime.timedelta(weeks=weeks_apart * (number - 1)), datetime.time(10)
            )
        )
        values = {"status": NoteStatus.SIGNED, "next_task": "Call my sister", "risk_asked": True}
        values |= {"psychoeducation_given": True, "task_review": "done"}
        values |= notes.get(f"s{number}", {})
        sessions.append(factories.make_session(course, scheduled_for=when, **values))
    assert course.kind == kind
    return course, sessions


def with_questionnaires(course, sessions, scores=(12, 12)):
    for session, score in zip(sessions[-2:], scores, strict=False):
        make_response(course, "phq9", score, on=session.held_at.date(), session=session)
    return course


# ---- one scenario per flag: the records that raise it in an acute course ---------------------


def open_risk(kind):
    course, sessions = course_of(kind, 2)
    make_flag(course)
    return course


def deterioration(kind):
    course, sessions = course_of(kind, 3)
    make_response(course, "phq9", 6, on=sessions[0].held_at.date())
    make_response(course, "phq9", 15, on=sessions[-1].held_at.date())
    return course


def not_on_track_stuck(kind):
    """No fall in the depression score by session 6: late for an acute course; for a
    maintenance course (already recovered) holding steady is the aim."""
    course, sessions = course_of(kind, 6)
    make_response(course, "phq9", 8, on=sessions[0].held_at.date())
    make_response(course, "phq9", 8, on=sessions[-1].held_at.date())
    return course


def no_formulation(kind):
    course, _ = course_of(kind, 4)
    return course


def early_formulation(kind):
    course, _ = course_of(kind, 4)
    factories.make_formulation(course, shared_on=today() - datetime.timedelta(weeks=2))
    return course


def several_areas(kind):
    course, sessions = course_of(kind, 5, s4={"status": NoteStatus.DRAFT})
    factories.make_formulation(course, primary_area="role_dispute")
    FocalAreaWork.objects.create(session=sessions[3], area="grief", mourning="Her father")
    return course


def middle_no_focus(kind):
    course, _ = course_of(kind, 5)
    factories.make_formulation(course, primary_area="role_dispute")
    return course


def task_not_reviewed(kind):
    course, _ = course_of(kind, 3, s2={"task_review": ""})
    return course


def ending_late(kind):
    course, _ = course_of(kind, 10)
    return course


def mood_not_linked(kind):
    course, _ = course_of(kind, 4)
    return course


def no_psychoeducation(kind):
    course, _ = course_of(kind, 3, **{f"s{n}": {"psychoeducation_given": False} for n in (1, 2, 3)})
    return course


def no_risk_question(kind):
    course, _ = course_of(kind, 3, **{f"s{n}": {"risk_asked": None} for n in (1, 2, 3)})
    return course


def formulation_not_agreed(kind):
    course, _ = course_of(kind, 4)
    factories.make_formulation(course, shared_on=today() - datetime.timedelta(weeks=1))
    return course


def no_role_play(kind):
    course, _ = course_of(kind, 7)
    return course


def no_task(kind):
    course, _ = course_of(kind, 6, s5={"next_task": ""}, s6={"next_task": ""})
    return course


def ending_not_discussed(kind):
    course, _ = course_of(kind, 10)
    return course


def past_length(kind):
    course, _ = course_of(kind, PLANNED + 1)
    return course


def unsigned(kind):
    course, _ = course_of(kind, 2, last_days_ago=10, s2={"status": NoteStatus.DRAFT})
    return course


def no_questionnaire(kind):
    course, _ = course_of(kind, 3)
    return course


def overdue_three_weeks(kind):
    """Three weeks since the last session: late for weekly sessions, not for monthly ones."""
    course, _ = course_of(kind, 2, weeks_apart=4, last_days_ago=21)
    return course


def overdue_seven_weeks(kind):
    """Seven weeks since the last session: past a monthly cadence plus two weeks too."""
    course, _ = course_of(kind, 2, weeks_apart=4, last_days_ago=49)
    return course


def possible_mania(kind):
    course, sessions = course_of(kind, 2)
    make_response(course, "asrm", 7, on=sessions[-1].held_at.date(), session=sessions[-1])
    return course


A, M = "acute", "maintenance"
# flag key, the scenario that raises it in an acute course, the kinds it is raised for there.
TABLE = [
    ("risk", open_risk, {A, M}),
    ("mania", possible_mania, {A, M}),
    ("deterioration", deterioration, {A, M}),
    ("not_on_track", not_on_track_stuck, {A}),
    ("no_formulation", no_formulation, {A}),
    ("early_formulation", early_formulation, {A}),
    ("several_areas", several_areas, {A}),
    ("middle_no_focus", middle_no_focus, {A}),
    ("task_not_reviewed", task_not_reviewed, {A}),
    ("ending_late", ending_late, {A}),
    ("mood_not_linked", mood_not_linked, {A}),
    ("no_psychoeducation", no_psychoeducation, {A}),
    ("no_risk_question", no_risk_question, {A}),
    ("formulation_not_agreed", formulation_not_agreed, {A}),
    ("no_role_play", no_role_play, {A}),
    ("no_task", no_task, {A}),
    ("ending", ending_not_discussed, {A}),
    ("past_length", past_length, {A, M}),
    ("unsigned", unsigned, {A, M}),
    ("no_questionnaire", no_questionnaire, {A, M}),
    ("overdue", overdue_three_weeks, {A}),
    ("overdue", overdue_seven_weeks, {A, M}),
]


def test_it_lists_every_flag_and_trap_in_the_table():
    assert {key for key, _, _ in TABLE} == {flag.key for flag in flags.FLAGS}
    assert {trap.key for trap in TRAPS} <= {key for key, _, _ in TABLE}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    ("key", "scenario", "raised_for"), TABLE, ids=[f"{k}-{s.__name__}" for k, s, _ in TABLE]
)
def test_it_raises_each_flag_only_for_the_kinds_it_applies_to(key, scenario, raised_for, kind):
    course = scenario(kind)
    assert (key in flag_keys(course)) == (kind in raised_for)


def test_it_raises_nothing_on_a_monthly_maintenance_course_kept_well():
    """Monthly sessions, each signed with a questionnaire and no task: no flag at all."""
    course, sessions = course_of(
        "maintenance",
        4,
        weeks_apart=4,
        last_days_ago=20,
        s3={"next_task": ""},
        s4={"next_task": ""},
    )
    with_questionnaires(course, sessions)
    assert flag_keys(course) == set()


def test_it_reads_overdue_as_the_cadence_plus_two_weeks():
    course, _ = course_of("maintenance", 1)
    for weeks, days in ((2, 28), (4, 42), (6, 56), (8, 70)):
        course.cadence_weeks = weeks
        assert flags.overdue_after_days(course) == days
    acute, _ = course_of("acute", 1)
    assert flags.overdue_after_days(acute) == flags.OVERDUE_AFTER_DAYS == 14


@pytest.mark.parametrize(
    ("attended", "phase"), [(0, "middle"), (10, "middle"), (11, "termination")]
)
def test_the_dashboard_s_phase_filter_reads_the_maintenance_rule(supervisor, attended, phase):
    from supervision.dashboard import active_courses

    course, _ = course_of("maintenance", attended)
    course.therapist.supervisor = supervisor
    course.therapist.save()
    assert course.phase == phase
    found = {
        name: [c.pk for c in active_courses(supervisor, phase=name)]
        for name in ("initial", "middle", "termination")
    }
    assert found == {name: ([course.pk] if name == phase else []) for name in found}
