"""The phase engine: which IPT phase a session belongs to. One pure function, no database.

The rule, for a course of ``n`` planned sessions (the course form accepts 1-40):

- **initial**: the first quarter of the course, rounded up, and never more than three sessions:
  ``min(3, ceil(n / 4))``. Sessions 1-3 of every standard 12-16-session course.
- **termination**: the last quarter, rounded half up, and never more than four sessions:
  ``min(4, (n + 2) // 4)``. Three sessions for 12-13, four for 14 and more (as the manuals put
  it, "the last three or four"); one for 2-5; none for a single session.
- **middle**: whatever lies between; any session held past the planned end is termination.

So the phases never overlap, always run initial -> middle -> termination, and every course of
three sessions or more has all three. Why: a short course (an adaptation, a planned brief
intervention) still needs its assessment and formulation first and its ending prepared last,
and the work in between is the middle. An eight-session course comes out as 1-2, 3-6, 7-8,
the layout of the WHO group IPT manual. A two-session course is one initial and one
termination session; a one-session course is all initial, because assessment and risk come
first and the ending is handled within that session.

| planned | initial | middle | termination |
|---|---|---|---|
| 1 | 1 | - | - |
| 2 | 1 | - | 2 |
| 3 | 1 | 2 | 3 |
| 4 | 1 | 2-3 | 4 |
| 5 | 1-2 | 3-4 | 5 |
| 6 | 1-2 | 3-4 | 5-6 |
| 8 | 1-2 | 3-6 | 7-8 |
| 12 | 1-3 | 4-9 | 10-12 |
| 16 | 1-3 | 4-12 | 13-16 |
| 40 | 1-3 | 4-36 | 37-40 |
"""

import functools
from typing import Literal

Phase = Literal["initial", "middle", "termination"]

# The longest initial and termination phases, reached by standard courses (12-16 sessions).
INITIAL_SESSIONS = 3
MAX_TERMINATION_SESSIONS = 4
PHASES: tuple[Phase, ...] = ("initial", "middle", "termination")
PHASE_LABELS: dict[str, str] = {
    "initial": "Initial",
    "middle": "Middle",
    "termination": "Termination",
}


def _check_planned(planned_sessions: int) -> None:
    if planned_sessions < 1:
        raise ValueError("A course plans at least one session.")


def initial_length(planned_sessions: int) -> int:
    """Sessions in the initial phase: a quarter of the course rounded up, at most three."""
    _check_planned(planned_sessions)
    return min(INITIAL_SESSIONS, -(-planned_sessions // 4))


def termination_length(planned_sessions: int) -> int:
    """Sessions in the termination phase: a quarter rounded half up, at most four.

    12-13 -> 3, 14 and more -> 4, 2-5 -> 1, 1 -> 0 (a single session is all initial).
    """
    _check_planned(planned_sessions)
    return min(MAX_TERMINATION_SESSIONS, (planned_sessions + 2) // 4)


def phase_for(session_number: int, planned_sessions: int) -> Phase:
    """Return the phase of attended session ``session_number`` in a course of ``planned_sessions``.

    See the module docstring for the rule. Any session past the planned end is termination.
    """
    if session_number < 1:
        raise ValueError("Session numbers start at 1.")
    _check_planned(planned_sessions)
    if session_number > planned_sessions:
        return "termination"
    if session_number <= initial_length(planned_sessions):
        return "initial"
    if session_number > planned_sessions - termination_length(planned_sessions):
        return "termination"
    return "middle"


GROUP_TERMINATION_SESSIONS = 2


def group_phase_for(group_session_number: int, group_sessions: int = 8) -> Phase:
    """The phase of a WHO-format IPT group's session ``group_session_number`` of ``group_sessions``.

    The first group session is initial (members introduce their problem areas to each other),
    the last two are termination, the rest middle. A group of one or two sessions is initial,
    then termination. Sessions past the planned end are termination.
    """
    if group_session_number < 1:
        raise ValueError("Group sessions are numbered from 1.")
    _check_planned(group_sessions)
    if group_session_number == 1:
        return "initial"
    if group_session_number > group_sessions - GROUP_TERMINATION_SESSIONS:
        return "termination"
    return "middle"


def member_phase_for(session_number: int, planned_sessions: int) -> Phase:
    """The phase of a group member's own session ``session_number`` in their course.

    A member's course is one pre-group individual meeting (their initial phase: symptom
    review, inventory, problem area, goals) followed by the group's sessions, so session 1 is
    initial and session ``n`` is group session ``n - 1`` under ``group_phase_for``.
    """
    if session_number < 1:
        raise ValueError("Session numbers start at 1.")
    _check_planned(planned_sessions)
    if session_number == 1 or planned_sessions == 1:
        return "initial"
    return group_phase_for(session_number - 1, planned_sessions - 1)


def phase_spans(planned_sessions: int, group_member: bool = False) -> list[tuple[Phase, int, int]]:
    """The (phase, first, last) session ranges of a course, for progress bars and schedules."""
    return list(_phase_spans(planned_sessions, group_member))


@functools.cache
def _phase_spans(planned_sessions: int, group_member: bool = False) -> tuple:
    """Computed once per course length (the dashboard asks for every course it sorts)."""
    rule = member_phase_for if group_member else phase_for
    spans: list[tuple[Phase, int, int]] = []
    for number in range(1, planned_sessions + 1):
        phase = rule(number, planned_sessions)
        if spans and spans[-1][0] == phase:
            spans[-1] = (phase, spans[-1][1], number)
        else:
            spans.append((phase, number, number))
    return tuple(spans)


def midpoint_session(planned_sessions: int) -> int | None:
    """The session at the midpoint of the course, where the goals are reviewed; ``None`` if none.

    The rule: the first middle-phase session at or after half the planned sessions, i.e.
    ``max(ceil(n / 2), initial_length(n) + 1)`` when that session is in the middle phase.
    Session 6 of 12, 8 of 16, 4 of 8, 2 of 3. A course with no middle phase (one or two
    sessions) has no midpoint: its goals are reviewed in termination only.
    """
    _check_planned(planned_sessions)
    number = max(-(-planned_sessions // 2), initial_length(planned_sessions) + 1)
    if number > planned_sessions or phase_for(number, planned_sessions) != "middle":
        return None
    return number


def reviews_goals(session_number: int, planned_sessions: int) -> bool:
    """Whether progress on the agreed goals is marked in this session: at the midpoint and in
    every termination-phase session (extra sessions past the planned end included)."""
    return session_number == midpoint_session(planned_sessions) or (
        phase_for(session_number, planned_sessions) == "termination"
    )


# Maintenance IPT ------------------------------------------------------------------------------
# A maintenance course continues an acute course the client responded to: the assessment,
# inventory and formulation were done there and are carried over, so it has no initial phase.
# Every session is a maintenance review (reported as "middle", the phase of focal-area work)
# except the last, which is termination: the relapse plan is reviewed and what happens next is
# decided. Sessions held past the planned end are termination too.
MAINTENANCE_MIN_SESSIONS = 6
MAINTENANCE_MAX_SESSIONS = 12


def maintenance_phase_for(session_number: int, planned_sessions: int) -> Phase:
    """The phase of session ``session_number`` of a maintenance course: never initial."""
    if session_number < 1:
        raise ValueError("Session numbers start at 1.")
    _check_planned(planned_sessions)
    if session_number >= planned_sessions and planned_sessions > 1:
        return "termination"
    return "middle"


@functools.cache
def maintenance_phase_spans(planned_sessions: int) -> tuple[tuple[Phase, int, int], ...]:
    """The (phase, first, last) ranges of a maintenance course: no initial phase."""
    spans: list[tuple[Phase, int, int]] = []
    for number in range(1, planned_sessions + 1):
        phase = maintenance_phase_for(number, planned_sessions)
        if spans and spans[-1][0] == phase:
            spans[-1] = (phase, spans[-1][1], number)
        else:
            spans.append((phase, number, number))
    return tuple(spans)


def course_phase_for(session_number: int, planned_sessions: int, maintenance: bool) -> Phase:
    """The one entry point for a course of either kind."""
    if maintenance:
        return maintenance_phase_for(session_number, planned_sessions)
    return phase_for(session_number, planned_sessions)


def course_phase_spans(planned_sessions: int, maintenance: bool) -> list[tuple[Phase, int, int]]:
    if maintenance:
        return list(maintenance_phase_spans(planned_sessions))
    return phase_spans(planned_sessions)
