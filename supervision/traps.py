"""The traps a supervisor looks for, declared as a table: one row per trap.

Each trap has an id, a label, a one-sentence explanation, a rule and an evidence link builder.
The rule reads a course's records (``supervision.fidelity_records``, loaded for one course or a
page of courses in a fixed number of queries) and answers with what tripped it: the sessions or
the formulation version where the work is missing or late, each with a short note. The builder
turns each of those into a link to the record. No trap is tripped before its point in the course
is reached. The fidelity page lists the traps a course tripped; the supervisor's dashboard
raises each one as a flag (``supervision.flags``), from the same rule.

Add a trap by writing its rule and one ``Trap`` row in ``TRAPS``.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from django.urls import reverse

from cases.course_kinds import CourseKind
from cases.evidence import Evidence
from sessions.models import TaskReview
from supervision import focal_work
from supervision.fidelity_records import CourseRecords, load_many

# Every trap is about the acute course's work: the initial phase's steps, the focal area worked
# session by session with tasks, and the ending prepared. A maintenance course inherits these
# and keeps its own note (``Session.MAINTENANCE_NOTE_FIELDS``), so none is looked for there.
ACUTE_ONLY = frozenset({CourseKind.ACUTE})

# What a rule finds: the session row (or formulation version) and a note on what is wrong there.
Hit = tuple[object, str]


@dataclass(frozen=True)
class Trap:
    key: str
    label: str
    explanation: str
    rule: Callable[[CourseRecords], list[Hit]]
    link: Callable[[CourseRecords, Hit], Evidence]
    # The kinds of course the trap is looked for in (``Course.kind``); see ``caught``.
    kinds: frozenset = ACUTE_ONLY


@dataclass(frozen=True)
class Caught:
    """A trap a course tripped, with the links to where it shows.

    The links are built when first read: the dashboard decides flags for every course of a
    supervisor but shows the evidence of one page of them."""

    trap: Trap
    records: CourseRecords = field(repr=False, compare=False)
    hits: list[Hit] = field(repr=False, compare=False)

    @property
    def key(self) -> str:
        return self.trap.key

    @cached_property
    def evidence(self) -> list[Evidence]:
        return [self.trap.link(self.records, hit) for hit in self.hits]

    @cached_property
    def first_url(self) -> str:
        """The link to the first place it shows (the dashboard's flag links to it alone)."""
        return self.trap.link(self.records, self.hits[0]).url if self.hits else ""


# ---- evidence link builders ----------------------------------------------------------------


def session_link(c: CourseRecords, hit: Hit) -> Evidence:
    row, note = hit
    return c.evidence(row, note)


def formulation_link(c: CourseRecords, hit: Hit) -> Evidence:
    version, note = hit
    return Evidence(
        on=version.shared_on,
        where=f"Formulation v{version.number}: {note}",
        url=reverse("formulation:version", args=[c.course.pk, version.number]),
    )


# ---- the rules -----------------------------------------------------------------------------


def several_areas(c: CourseRecords) -> list[Hit]:
    return [
        (row, f"{focal_work.area_names(areas)} work, outside the focus")
        for row, areas in focal_work.outside_focus(c)
    ]


def middle_without_focal_work(c: CourseRecords) -> list[Hit]:
    return [
        (row, "no work on the focal area recorded") for row in focal_work.middle_without_focus(c)
    ]


def task_not_reviewed(c: CourseRecords) -> list[Hit]:
    """A task agreed in one session and not reviewed in the next attended one (no review
    recorded, or "no task was set")."""
    return [
        (after, f"the task agreed in session {before['number']} was not reviewed")
        for before, after in zip(c.sessions, c.sessions[1:], strict=False)
        if before["next_task"].strip() and after["task_review"] in ("", TaskReview.NONE_SET)
    ]


def ending_discussed(row: dict) -> bool:
    """The session counted the sessions left or talked about feelings on ending."""
    return bool(row["sessions_remaining_discussed"] or row["ending_feelings"].strip())


def ending_left_late(c: CourseRecords) -> list[Hit]:
    """The session before the last two has been held and no session up to it discussed the
    ending: ending is a planned role transition, prepared over several sessions."""
    deadline = c.planned - 2
    if c.termination_span is None or deadline < 1 or not c.reached(deadline) or not c.sessions:
        return []
    first = c.first(ending_discussed)
    if first is None:
        return [(c.sessions[-1], "the ending not discussed in any session yet")]
    if first["number"] > deadline:
        return [(first, "the ending first discussed, in one of the last two sessions")]
    return []


def mood_not_linked(c: CourseRecords) -> list[Hit]:
    """The middle phase has begun and no session named a person from the inventory in the
    mood changes since the session before."""
    if c.middle_span is None or not c.reached(c.middle_span[0]) or c.mood_linked:
        return []
    rows = c.middle_rows() or c.sessions[-1:]
    return [(row, "mood not linked to anyone in the inventory") for row in rows]


def _initial_step(c: CourseRecords, field: str, what: str) -> list[Hit]:
    """An initial-phase step not recorded by the end of the initial phase: the sessions of
    the initial phase, or the later session where it was first recorded."""
    if not c.reached(c.initial_end) or not c.sessions:
        return []
    first = c.first(lambda row: row[field] is True)
    if first is None:
        initial = [row for row in c.sessions if row["number"] <= c.initial_end]
        return [(row, f"{what} not recorded") for row in initial or c.sessions[-1:]]
    if first["number"] > c.initial_end:
        return [(first, f"{what} first recorded, after the initial phase")]
    return []


def psychoeducation_missing(c: CourseRecords) -> list[Hit]:
    return _initial_step(c, "psychoeducation_given", "psychoeducation")


def risk_question_missing(c: CourseRecords) -> list[Hit]:
    return _initial_step(c, "risk_asked", "the direct question about suicidal thoughts")


def agreed_version(c: CourseRecords):
    """The version the client agreed to, if the latest one shared with them was agreed; None
    when nothing was shared or the latest shared version was not agreed."""
    shared = next((version for version in c.versions if version.shared_on), None)
    return shared if shared is not None and shared.client_agreed else None


def formulation_not_agreed(c: CourseRecords) -> list[Hit]:
    """Past the initial phase, the latest version shared with the client was not agreed. An
    earlier version the client agreed to does not count once a revision was shared without
    agreement; a later revision they agreed to does. Nothing shared is the "no formulation
    shared" flag's concern."""
    shared = next((version for version in c.versions if version.shared_on), None)
    if shared is None or agreed_version(c) is not None or not c.reached(c.initial_end):
        return []
    return [(shared, "shared, the client's agreement not recorded")]


TRAPS: tuple[Trap, ...] = (
    Trap(
        "several_areas",
        "Several focal areas",
        "Session notes work on a focal area outside the formulation's focus at the time (or on "
        "two areas before any formulation).",
        several_areas,
        session_link,
    ),
    Trap(
        "middle_no_focus",
        "Middle session without focal work",
        "A middle-phase session records no work on the focal area; a ticked technique box "
        "alone does not count.",
        middle_without_focal_work,
        session_link,
    ),
    Trap(
        "task_not_reviewed",
        "Task not reviewed",
        "An interpersonal task was agreed and the next session does not record how it went.",
        task_not_reviewed,
        session_link,
    ),
    Trap(
        "ending_late",
        "Ending left late",
        "The ending was not discussed before the last two sessions.",
        ending_left_late,
        session_link,
    ),
    Trap(
        "mood_not_linked",
        "Mood not linked to a person",
        "The middle phase has begun and no session links the mood changes to a person from "
        "the inventory.",
        mood_not_linked,
        session_link,
    ),
    Trap(
        "no_psychoeducation",
        "No psychoeducation",
        "No session of the initial phase records explaining depression as a treatable illness.",
        psychoeducation_missing,
        session_link,
    ),
    Trap(
        "no_risk_question",
        "Risk question not asked",
        "No session of the initial phase records asking directly about suicidal thoughts.",
        risk_question_missing,
        session_link,
    ),
    Trap(
        "formulation_not_agreed",
        "Formulation not agreed",
        "The initial phase is over and the client's agreement to the latest formulation shared "
        "with them is not recorded.",
        formulation_not_agreed,
        formulation_link,
    ),
)
TRAPS_BY_KEY: dict[str, Trap] = {trap.key: trap for trap in TRAPS}


def caught(c: CourseRecords) -> list[Caught]:
    """The traps the course tripped, in ``TRAPS`` order, each with its evidence links."""
    found = []
    for trap in TRAPS:
        if c.course.kind not in trap.kinds:
            continue
        hits = trap.rule(c)
        if hits:
            found.append(Caught(trap, c, hits))
    return found


def caught_for_many(courses) -> dict[int, list[Caught]]:
    """The traps of each course, by course id, in a fixed number of queries."""
    return {course_id: caught(records) for course_id, records in load_many(courses).items()}
