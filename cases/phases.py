"""The phase engine: which IPT phase a session belongs to. One pure function, no database."""

from typing import Literal

Phase = Literal["initial", "middle", "termination"]

INITIAL_SESSIONS = 3
PHASES: tuple[Phase, ...] = ("initial", "middle", "termination")
PHASE_LABELS: dict[str, str] = {
    "initial": "Initial",
    "middle": "Middle",
    "termination": "Termination",
}


def termination_length(planned_sessions: int) -> int:
    """Four termination sessions for a 16-session course, scaling down to three for 12.

    3 + (planned - 12) / 4, rounded half up: 12-13 -> 3, 14-16 -> 4. Longer exceptional
    courses keep four; shorter ones keep three.
    """
    return 3 if planned_sessions <= 13 else 4


def phase_for(session_number: int, planned_sessions: int) -> Phase:
    """Return the phase of attended session ``session_number`` in a course of ``planned_sessions``.

    Sessions 1-3 are always initial. The last three or four planned sessions, and any session
    past the planned end, are termination. The middle is what lies between.
    """
    if session_number < 1:
        raise ValueError("Session numbers start at 1.")
    if planned_sessions < 1:
        raise ValueError("A course plans at least one session.")
    if session_number <= INITIAL_SESSIONS:
        return "initial"
    first_termination = planned_sessions - termination_length(planned_sessions) + 1
    if session_number >= first_termination:
        return "termination"
    return "middle"


def phase_spans(planned_sessions: int) -> list[tuple[Phase, int, int]]:
    """The (phase, first, last) session ranges of a course, for progress bars and schedules."""
    spans: list[tuple[Phase, int, int]] = []
    for number in range(1, planned_sessions + 1):
        phase = phase_for(number, planned_sessions)
        if spans and spans[-1][0] == phase:
            spans[-1] = (phase, spans[-1][1], number)
        else:
            spans.append((phase, number, number))
    return spans
