"""The dashboard's stored flag state is never stale when read (docs/clinical-safety.md, H53).

Every write to a course or to a record of it bumps the course's version in the same
transaction (database triggers), the dashboard works a stale course out again before it
filters and sorts, and the two flags that depend on the day flip on the right day with no
write at all. Each test reads the flags the dashboard shows and checks them against the flag
rules run live on the same data.
"""

import datetime
from unittest import mock

import pytest
from django.db import connection
from django.http import QueryDict
from django.utils import timezone

from cases.models import Course
from cases.models.courses import CourseStatus
from inventory.models import Formulation
from measures.models import RiskFlag
from sessions.models import NoteStatus, RolePlay, Session
from supervision import flag_state
from supervision.dashboard import build_dashboard
from supervision.flags import with_flag_facts
from supervision.models import CourseFlagState
from tests import factories
from tests.measures.factories import make_flag, make_response
from tests.supervision.test_flags import flag_keys

pytestmark = pytest.mark.django_db


def today():
    """Read when a test runs, not at import: a run that crosses midnight stays right."""
    return timezone.localdate()


def shown_keys(supervisor, course, params: str = "") -> set[str]:
    """The flags the dashboard's rows (CSV) give ``course``, and the live rules agree."""
    rows = build_dashboard(supervisor, QueryDict(params)).csv_rows()
    keys = {row.course.pk: {flag.key for flag in row.flags} for row in rows}
    assert keys[course.pk] == flag_keys(course), "stored flags differ from the live rules"
    return keys[course.pk]


def listed_under(supervisor, key: str) -> set[int]:
    return {
        row.course.pk for row in build_dashboard(supervisor, QueryDict(f"flag={key}")).csv_rows()
    }


def weekly(therapist, attended: int, signed: bool = True, **fields):
    fields.setdefault("start_date", today() - datetime.timedelta(weeks=attended))
    course = factories.make_course(therapist=therapist, **fields)
    status = NoteStatus.SIGNED if signed else NoteStatus.DRAFT
    sessions = [
        factories.make_session(course, status=status, next_task="Call my sister")
        for _ in range(attended)
    ]
    return course, sessions


def _sign(course, sessions):
    Session.objects.filter(course=course).update(status=NoteStatus.SIGNED, signed_at=timezone.now())


def _agree_task(course, sessions):
    last = sessions[-1]
    last.next_task = "Ask her sister for help"
    last.save()


def _close_risk(course, sessions):
    RiskFlag.objects.filter(course=course).update(closed_at=timezone.now())


def _questionnaire(course, sessions):
    make_response(course, "phq9", 12, on=sessions[-1].held_at.date(), session=sessions[-1])


def _share_formulation(course, sessions):
    Formulation.objects.filter(course=course).update(shared_on=today())


def _complete_inventory(course, sessions):
    factories.complete_inventory(course, completed_on=today() - datetime.timedelta(weeks=3))


def _role_play(course, sessions):
    RolePlay.objects.create(session=sessions[-1], rehearsed="Saying no")


def _longer_plan(course, sessions):
    course.planned_sessions = 14
    course.save()


def _end_course(course, sessions):
    Course.objects.filter(pk=course.pk).update(status=CourseStatus.COMPLETED)


# (what is set up, the flag it raises, the write that clears it)
WRITES = {
    "a note signed": ({"signed": False, "attended": 3}, "unsigned", _sign),
    "a task agreed": ({"attended": 6, "tasks": False, "signed": False}, "no_task", _agree_task),
    "risk closed (bulk update)": ({"attended": 3, "risk": True}, "risk", _close_risk),
    "a questionnaire": ({"attended": 4}, "no_questionnaire", _questionnaire),
    "a formulation shared (bulk update)": ({"attended": 4}, "no_formulation", _share_formulation),
    "the inventory completed": (
        {"attended": 4, "shared": True},
        "early_formulation",
        _complete_inventory,
    ),
    "a role play recorded": ({"attended": 9, "signed": False}, "no_role_play", _role_play),
    "the plan lengthened": ({"attended": 13, "planned": 12}, "past_length", _longer_plan),
}


@pytest.mark.parametrize("name", WRITES)
def test_it_changes_the_dashboard_at_once_after_a_write(supervisor, therapist, name):
    setup, key, write = WRITES[name]
    course, sessions = weekly(
        therapist,
        setup["attended"],
        signed=setup.get("signed", True),
        planned_sessions=setup.get("planned", 16),
    )
    if setup.get("tasks") is False:
        Session.objects.filter(course=course).update(next_task="")
    if setup.get("risk"):
        make_flag(course)
    if key == "unsigned":
        Session.objects.filter(pk=sessions[0].pk).update(
            scheduled_for=timezone.now() - datetime.timedelta(days=10),
            held_at=timezone.now() - datetime.timedelta(days=10),
        )
    if key in ("no_formulation", "early_formulation"):
        factories.make_formulation(course, shared_on=today() if setup.get("shared") else None)
    assert key in shown_keys(supervisor, course)
    assert course.pk in listed_under(supervisor, key)
    write(course, sessions)
    assert key not in shown_keys(supervisor, course)
    assert course.pk not in listed_under(supervisor, key)


def test_a_bulk_update_of_sessions_raises_a_flag_at_once(supervisor, therapist):
    course, _ = weekly(therapist, 6, signed=False)
    assert "no_task" not in shown_keys(supervisor, course)
    Session.objects.filter(course=course).update(next_task="")
    assert "no_task" in shown_keys(supervisor, course)


def test_a_course_no_longer_active_leaves_the_dashboard(supervisor, therapist):
    course, sessions = weekly(therapist, 3)
    assert course.pk in listed_under(supervisor, "")
    _end_course(course, sessions)
    assert course.pk not in listed_under(supervisor, "")


def test_a_new_risk_flag_shows_at_once_and_first(supervisor, therapist):
    quiet, _ = weekly(therapist, 3)
    course, _ = weekly(therapist, 3)
    build_dashboard(supervisor, QueryDict()).csv_rows()  # states stored
    make_flag(course)
    rows = build_dashboard(supervisor, QueryDict()).csv_rows()
    assert [row.course.pk for row in rows][0] == course.pk
    assert "risk" in shown_keys(supervisor, course)


def _on(day: datetime.date):
    return mock.patch("django.utils.timezone.localdate", return_value=day)


def test_unsigned_notes_flip_on_the_third_working_day_with_no_write(supervisor, therapist):
    monday = today() - datetime.timedelta(days=today().weekday() + 7)
    course = factories.make_course(therapist=therapist, start_date=monday)
    held = timezone.make_aware(datetime.datetime.combine(monday, datetime.time(10)))
    factories.make_session(course, scheduled_for=held, status=NoteStatus.DRAFT)
    with _on(monday + datetime.timedelta(days=2)):
        rows = build_dashboard(supervisor, QueryDict()).csv_rows()
        assert "unsigned" not in {f.key for f in rows[0].flags}
    stored = CourseFlagState.objects.get(course=course)
    assert stored.unsigned_from == monday + datetime.timedelta(days=3)
    for offset, expected in ((2, False), (3, True), (4, True)):
        day = monday + datetime.timedelta(days=offset)
        with _on(day):
            rows = build_dashboard(supervisor, QueryDict()).csv_rows()
            assert ("unsigned" in {f.key for f in rows[0].flags}) is expected
            assert ("unsigned" in flag_keys(course, today=day)) is expected
    # Nothing was worked out again: the day alone flipped it.
    assert CourseFlagState.objects.get(course=course).computed_version == stored.computed_version


@pytest.mark.parametrize("maintenance", [False, True])
def test_overdue_flips_on_the_right_day_with_no_write(supervisor, therapist, maintenance):
    if maintenance:
        acute = factories.make_course(therapist=therapist, status=CourseStatus.COMPLETED)
        course = factories.make_course(
            therapist=therapist,
            client=acute.client,
            continues_course=acute,
            cadence_weeks=4,
            planned_sessions=6,
            length_reason="Monthly maintenance sessions for a year.",
            start_date=today() - datetime.timedelta(days=90),
        )
    else:
        course = factories.make_course(
            therapist=therapist, start_date=today() - datetime.timedelta(days=30)
        )
    factories.make_session(
        course, scheduled_for=timezone.now() - datetime.timedelta(days=20), status="signed"
    )
    build_dashboard(supervisor, QueryDict()).csv_rows()
    stored = CourseFlagState.objects.get(course=course)
    assert stored.overdue_from is not None
    for day in (
        stored.overdue_from - datetime.timedelta(days=1),
        stored.overdue_from,
        today(),
        today() + datetime.timedelta(days=60),
    ):
        with _on(day):
            rows = build_dashboard(supervisor, QueryDict()).csv_rows()
            shown = "overdue" in {f.key for f in rows[0].flags}
        assert shown == ("overdue" in flag_keys(course, today=day)), day
    assert CourseFlagState.objects.get(course=course).computed_version == stored.computed_version


def test_a_state_read_before_a_write_stays_stale(supervisor, therapist):
    """A reader stores the version it read before the facts: a write that commits while it
    works leaves the row stale, and the next reader works it out again."""
    course, sessions = weekly(therapist, 6, signed=False)
    build_dashboard(supervisor, QueryDict())
    version = CourseFlagState.objects.get(course=course).version
    real_compute = flag_state.compute

    def compute_while_a_write_commits(courses, versions):
        states = real_compute(courses, versions)  # the facts read: no_task not raised
        Session.objects.filter(course=course).update(next_task="")  # the write lands
        return states

    Session.objects.filter(pk=sessions[0].pk).update(next_task="Call")  # make it stale
    with mock.patch.object(flag_state, "compute", compute_while_a_write_commits):
        build_dashboard(supervisor, QueryDict())
    state = CourseFlagState.objects.get(course=course)
    assert state.version > version + 1 and state.computed_version < state.version
    assert "no_task" in shown_keys(supervisor, course)


def test_two_readers_storing_the_same_course_do_not_fail(supervisor, therapist):
    course, _ = weekly(therapist, 3)
    scope = Course.objects.filter(pk=course.pk)
    states = flag_state.compute(with_flag_facts(scope), {course.pk: 0})
    CourseFlagState.objects.bulk_create(
        states, update_conflicts=True, unique_fields=["course"], update_fields=["flags"]
    )
    assert flag_state.refresh(scope) == 1  # the other reader's upsert does not fail


def test_a_change_of_rules_makes_every_state_stale(supervisor, therapist):
    course, _ = weekly(therapist, 3)
    build_dashboard(supervisor, QueryDict())
    CourseFlagState.objects.filter(course=course).update(rules="an older release")
    assert flag_state.refresh(Course.objects.filter(pk=course.pk)) == 1


def test_every_record_of_a_course_bumps_its_version(supervisor, therapist):
    """Every table with a path to a course has the trigger, on this database."""
    sources = {source.table for source in flag_state.sources()}
    assert {
        "cases_course",
        "session_logs_session",
        "session_logs_roleplay",
        "session_logs_session_people_involved",
        "session_logs_focalareawork",
        "measures_questionnaireresponse",
        "measures_riskflag",
        "cases_formulation",
        "inventory_inventorycompletion",
        "measures_storedclassification",
    } <= sources
    assert "supervision_courseflagstate" not in sources
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT DISTINCT tgrelid::regclass::text FROM pg_trigger WHERE tgname LIKE '%bumps%'"
            )
        else:
            cursor.execute(
                "SELECT DISTINCT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%bumps%'"
            )
        installed = {row[0] for row in cursor.fetchall()}
    assert sources <= installed
