"""The one rule for the focal areas a session worked, against a table of cases, and the same
answer on every page that shows it: the supervisor's dashboard, the fidelity page, the CSV."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Course
from inventory.models import Formulation
from measures.queries import outcomes_for
from sessions.models import FocalAreaWork
from supervision import traps
from supervision.fidelity import DONE, fidelity_items
from supervision.fidelity_records import load
from supervision.flags import facts_for, raised, with_flag_facts
from supervision.focal_work import counts_as_work, middle_without_focus, outside_focus
from tests import factories

pytestmark = pytest.mark.django_db


def today():
    """Read when a test runs, not at import: a run that crosses midnight stays right."""
    return timezone.localdate()


START = today() - datetime.timedelta(weeks=10)

# Each case: the formulation versions (primary, secondary, the week of the course they were
# written in), the focal-area records per session number, the technique boxes ticked, and what
# the rule must answer: the areas worked per session, the sessions working outside the focus in
# force, and the middle-phase sessions (4-6 of 16) with no work on it.
CASES = {
    "a record with its own area's prompt filled": {
        "versions": [("grief", "", 0)],
        "work": {4: [("grief", {"mourning": "Her father's last months"})]},
        "worked": {4: {"grief"}},
        "outside": [],
        "middle_without": [5, 6],
    },
    "a ticked technique box alone": {
        "versions": [("grief", "", 0)],
        "ticks": {4: ["grief_work"], 5: ["role_dispute_resolution"]},
        "worked": {},
        "outside": [],
        "middle_without": [4, 5, 6],
    },
    "an empty record": {
        "versions": [("grief", "", 0)],
        "work": {4: [("grief", {})]},
        "worked": {},
        "outside": [],
        "middle_without": [4, 5, 6],
    },
    "a record filled only in another area's prompts": {
        "versions": [("grief", "", 0)],
        "work": {4: [("grief", {"dispute_with": "Partner"})]},
        "worked": {},
        "outside": [],
        "middle_without": [4, 5, 6],
    },
    "grief worked as a partner dispute": {
        "versions": [("grief", "", 0)],
        "work": {
            4: [("role_dispute", {"dispute_with": "Partner", "client_expectations": "Help"})],
            5: [("role_dispute", {"dispute_stage": "impasse"})],
            6: [("grief", {"restoring": "Back at the choir"})],
        },
        "ticks": {4: ["grief_work"], 5: ["grief_work"]},
        "worked": {4: {"role_dispute"}, 5: {"role_dispute"}, 6: {"grief"}},
        "outside": [4, 5],
        "middle_without": [4, 5],
    },
    "the named secondary area": {
        "versions": [("role_dispute", "grief", 0)],
        "work": {
            4: [("role_dispute", {"other_expectations": "Weekends free"})],
            5: [("grief", {"mourning": "Her mother"})],
            6: [("role_dispute", {"dispute_with": "Partner"})],
        },
        "worked": {4: {"role_dispute"}, 5: {"grief"}, 6: {"role_dispute"}},
        "outside": [],
        "middle_without": [],
    },
    "work on the first focus before the formulation was revised": {
        # v2 is written in week 5 (between sessions 5 and 6) and changes the focus.
        "versions": [("grief", "", 0), ("role_transition", "", 5)],
        "work": {
            4: [("grief", {"mourning": "The funeral"})],
            5: [("grief", {"mourning": "Anniversary"})],
            6: [("grief", {"restoring": "Visited the grave"})],
        },
        "worked": {4: {"grief"}, 5: {"grief"}, 6: {"grief"}},
        "outside": [6],
        "middle_without": [6],
    },
    "two areas before any formulation": {
        "versions": [],
        "work": {
            2: [("grief", {"mourning": "Her father"})],
            4: [("interpersonal_deficits", {"pattern": "Withdraws when criticised"})],
        },
        "worked": {2: {"grief"}, 4: {"interpersonal_deficits"}},
        "outside": [2, 4],
        "middle_without": [5, 6],
    },
    "each area worked only through a new prompt": {
        "versions": [("grief", "role_dispute", 0)],
        "work": {
            4: [("grief", {"hard_memories": "Angry he never saw the doctor"})],
            5: [("role_dispute", {"dispute_decision": "Ask for one evening a week"})],
            6: [("role_dispute", {"communication_change": "Said it calmly at dinner"})],
        },
        "worked": {4: {"grief"}, 5: {"role_dispute"}, 6: {"role_dispute"}},
        "outside": [],
        "middle_without": [],
    },
    "another area's new prompt filled in the wrong record": {
        "versions": [("role_transition", "", 0)],
        "work": {4: [("role_transition", {"new_contact": "Called an old colleague"})]},
        "worked": {},
        "outside": [],
        "middle_without": [4, 5, 6],
    },
    "one area before any formulation": {
        "versions": [],
        "work": {4: [("role_transition", {"old_role": "Work as a nurse"})]},
        "worked": {4: {"role_transition"}},
        "outside": [],
        "middle_without": [5, 6],
    },
}


def build(case: dict) -> Course:
    course = factories.make_course(start_date=START)
    for primary, secondary, week in case["versions"]:
        version = factories.make_formulation(course, primary_area=primary, secondary_area=secondary)
        written = timezone.make_aware(
            datetime.datetime.combine(START + datetime.timedelta(weeks=week), datetime.time(9))
        )
        Formulation.objects.filter(pk=version.pk).update(created_at=written)
    for number in range(1, 7):
        session = factories.make_session(course, techniques=case.get("ticks", {}).get(number, []))
        for area, fields in case.get("work", {}).get(number, []):
            FocalAreaWork.objects.create(session=session, area=area, **fields)
    return Course.objects.get(pk=course.pk)


@pytest.mark.parametrize("name", CASES)
def test_it_answers_each_case_of_the_table(name):
    case = CASES[name]
    course = build(case)
    records = load(course)
    number = {row["id"]: row["number"] for row in records.sessions}
    assert {number[sid]: areas for sid, areas in records.worked.items()} == case["worked"]
    assert [row["number"] for row, _ in outside_focus(records)] == case["outside"]
    assert [row["number"] for row in middle_without_focus(records)] == case["middle_without"]
    # The fidelity items, the traps and the dashboard flags give the same answer.
    items = {item.key: item for item in fidelity_items(course)}
    caught = {found.key for found in traps.caught(records)}
    courses = list(with_flag_facts(Course.objects.filter(pk=course.pk)))
    flags = {flag.key for flag in raised(facts_for(courses, outcomes_for(courses))[course.pk])}
    drift = bool(case["outside"])
    assert ("several_areas" in caught) == ("several_areas" in flags) == drift
    if case["versions"]:
        assert (items["one_focus"].status != DONE) == drift
    without = bool(case["middle_without"])
    assert ("middle_no_focus" in caught) == ("middle_no_focus" in flags) == without
    assert (items["focal_techniques"].status != DONE) == without


@pytest.mark.parametrize(
    ("area", "values", "counts"),
    [
        ("grief", {"mourning": "Her father"}, True),
        ("grief", {"mourning": "   "}, False),
        ("grief", {"dispute_with": "Partner"}, False),
        ("role_dispute", {"dispute_stage": "renegotiation"}, True),
        ("role_transition", {"skills_supports": "A carers' group"}, True),
        ("interpersonal_deficits", {"practice_step": "Join the walking group"}, True),
        ("interpersonal_deficits", {}, False),
        ("grief", {"good_memories": "His jokes at breakfast"}, True),
        ("grief", {"hard_memories": "He drank"}, True),
        ("grief", {"grief_feelings": "Cried, then laughed"}, True),
        ("grief", {"restoring": "Back at the choir"}, True),
        ("role_dispute", {"dispute_options": "Counselling together"}, True),
        ("role_dispute", {"dispute_decision": "Negotiate the evenings"}, True),
        ("role_dispute", {"communication_change": "Asked rather than hinted"}, True),
        ("role_dispute", {"good_memories": "x"}, False),
        ("role_transition", {"old_role_gains": "No more night shifts"}, True),
        ("role_transition", {"isolation": "x"}, False),
        ("interpersonal_deficits", {"isolation": "Sees no one at weekends"}, True),
        ("interpersonal_deficits", {"new_contact": "Spoke to a neighbour"}, True),
        ("interpersonal_deficits", {"therapy_relationship": "Expected me to be bored"}, True),
        ("interpersonal_deficits", {"old_role_gains": "x"}, False),
        ("not_an_area", {"mourning": "x"}, False),
    ],
)
def test_a_record_counts_only_with_its_own_areas_prompts(area, values, counts):
    assert counts_as_work(area, values) is counts


# ---- the same answer on each page ---------------------------------------------------------


def grief_course_worked_as_a_dispute(therapist) -> tuple[Course, list]:
    course = factories.make_course(therapist=therapist, start_date=START)
    factories.make_formulation(course, primary_area="grief")
    sessions = [factories.make_session(course) for _ in range(5)]
    for session in sessions[3:]:
        FocalAreaWork.objects.create(session=session, area="role_dispute", dispute_with="Partner")
    return course, sessions


def grief_course_with_ticked_boxes_only(therapist) -> tuple[Course, list]:
    course = factories.make_course(therapist=therapist, start_date=START)
    factories.make_formulation(course, primary_area="grief")
    sessions = [
        factories.make_session(course, techniques=["grief_work", "role_dispute_resolution"])
        for _ in range(5)
    ]
    return course, sessions


def dashboard_flags(client, course) -> list[str]:
    response = client.get(reverse("supervision:dashboard"))
    row = next(r for r in response.context["page"].object_list if r.course.pk == course.pk)
    return [flag.key for flag in row.flags], response.content.decode()


def csv_flags(client, course) -> str:
    response = client.get(reverse("supervision:dashboard_csv"))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    return next(row for row in rows if row[0] == course.client.record_number)[-1]


def fidelity_page(client, course) -> str:
    return client.get(reverse("supervision:fidelity", args=[course.pk])).content.decode()


def test_the_grief_course_worked_as_a_dispute_is_flagged_on_the_dashboard(
    client, supervisor, therapist
):
    course, sessions = grief_course_worked_as_a_dispute(therapist)
    client.force_login(supervisor)
    keys, html = dashboard_flags(client, course)
    assert "several_areas" in keys
    # The flag links to the first session that worked the other area.
    link = reverse("sessions:detail", args=[sessions[3].pk])
    assert f'href="{link}" title="Session notes work on a focal area outside' in html


def test_the_grief_course_worked_as_a_dispute_is_flagged_on_the_fidelity_page(
    client, supervisor, therapist
):
    course, sessions = grief_course_worked_as_a_dispute(therapist)
    client.force_login(supervisor)
    html = fidelity_page(client, course)
    assert 'data-testid="item-one_focus" data-status="partial"' in html
    assert 'data-testid="trap-several_areas"' in html
    assert "Session 4: role dispute work, outside the focus" in html
    assert reverse("sessions:detail", args=[sessions[4].pk]) in html


def test_the_grief_course_worked_as_a_dispute_is_flagged_in_the_csv(client, supervisor, therapist):
    course, _ = grief_course_worked_as_a_dispute(therapist)
    client.force_login(supervisor)
    assert "Several focal areas" in csv_flags(client, course).split("; ")


def test_a_ticked_box_alone_is_not_focal_work_on_any_page(client, supervisor, therapist):
    course, _ = grief_course_with_ticked_boxes_only(therapist)
    client.force_login(supervisor)
    keys, _ = dashboard_flags(client, course)
    assert "several_areas" not in keys and "middle_no_focus" in keys
    assert csv_flags(client, course).split("; ").count("Middle session without focal work") == 1
    assert "Several focal areas" not in csv_flags(client, course)
    html = fidelity_page(client, course)
    assert 'data-testid="item-focal_techniques" data-status="missing"' in html
    assert 'data-testid="item-one_focus" data-status="done"' in html
    assert 'data-testid="trap-middle_no_focus"' in html
    assert 'data-testid="trap-several_areas"' not in html
