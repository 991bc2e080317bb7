"""The supervisor's flags: each one small named rule over one course's facts.

A rule never queries: it reads the facts ``supervision.flag_facts`` loads for a whole page of
courses at once. The traps of ``supervision.traps`` (each with its evidence links) are flags
too, raised from the same rules the fidelity page reads, so the two pages agree. Add a flag by
writing a rule function and one ``Flag`` line in ``FLAGS``; add a trap in ``TRAPS``.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from cases.course_kinds import CourseKind
from cases.models.courses import CourseStatus
from measures.mania import is_mania_flagged
from supervision.flag_facts import (  # noqa: F401 - the dashboard and tests read them here
    OVERDUE_AFTER_DAYS,
    RECENT_SESSIONS,
    UNSIGNED_AFTER_WORKING_DAYS,
    UNSIGNED_STATUSES,
    CourseFacts,
    SessionFacts,
    facts_for,
    with_flag_facts,
    working_days_between,
)
from supervision.traps import ACUTE_ONLY, TRAPS, Trap

# A maintenance course is overdue this long after its next session was due.
MAINTENANCE_GRACE_DAYS = 14

# Rules ---------------------------------------------------------------------------------------


def open_risk(f: CourseFacts) -> bool:
    return bool(getattr(f.course, "risk_open", False))


def possible_mania(f: CourseFacts) -> bool:
    return is_mania_flagged(f.course)


def not_on_track(f: CourseFacts) -> bool:
    return bool(f.outcome and f.outcome.not_on_track)


def reliable_deterioration(f: CourseFacts) -> bool:
    return bool(f.outcome and f.outcome.outcome.reliable_deterioration)


def no_formulation_shared(f: CourseFacts) -> bool:
    """Every initial-phase session has been held and no formulation version was shared."""
    initial = f.span("initial")
    return initial is not None and f.attended >= initial[1] and f.course.first_shared_on is None


def formulation_before_inventory(f: CourseFacts) -> bool:
    """A version was shared while the inventory was not complete: it is not marked complete
    now, or it was completed later than the first sharing. Both are clinical dates (the day of
    the session, given on the form), never the day a button was pressed, so writing a session
    up late raises nothing. Marking the inventory complete again later, with a later date, does
    raise it, which is wanted: the inventory changed after the client heard the formulation."""
    shared_on = f.course.first_shared_on
    if shared_on is None:
        return False
    completed_on = f.course.inventory_completed_on
    return completed_on is None or completed_on > shared_on


def no_role_play_by_midpoint(f: CourseFacts) -> bool:
    """The middle phase's midpoint session has been held and no role play was recorded
    (a role-play record, or a communication analysis whose alternatives were role-played)."""
    middle = f.span("middle")
    if middle is None:
        return False
    midpoint = (middle[0] + middle[1]) // 2
    return f.attended >= midpoint and not any(s.role_play for s in f.sessions)


def no_recent_task(f: CourseFacts) -> bool:
    """Neither of the last two attended sessions agreed an interpersonal task. Only past the
    initial phase: tasks belong to the middle and termination phases."""
    initial = f.span("initial")
    recent = f.recent
    if len(recent) < RECENT_SESSIONS or initial is None:
        return False
    return all(s.number > initial[1] for s in recent) and not any(s.has_task for s in recent)


def ending_not_discussed(f: CourseFacts) -> bool:
    """The first termination session has been held and no termination-phase session records
    the ending discussed (sessions remaining counted down, or feelings about ending)."""
    termination = f.span("termination")
    if termination is None or f.attended < termination[0]:
        return False
    return not any(s.ending_discussed for s in f.sessions if s.number >= termination[0])


def past_planned_length(f: CourseFacts) -> bool:
    return f.attended > f.course.planned_sessions


def unsigned_notes(f: CourseFacts) -> bool:
    """A note of an attended session held more than two working days ago is not signed (a
    draft, or a note returned for revision)."""
    return any(
        s.status in UNSIGNED_STATUSES
        and working_days_between(s.held_on, f.today) > UNSIGNED_AFTER_WORKING_DAYS
        for s in f.sessions
    )


def no_recent_questionnaire(f: CourseFacts) -> bool:
    """Neither of the last two attended sessions has a questionnaire (linked to the session,
    or completed on the day it was held); voided questionnaires do not count."""
    recent = f.recent
    return len(recent) >= RECENT_SESSIONS and not any(s.questionnaire for s in recent)


def overdue(f: CourseFacts) -> bool:
    """Scaled to the course's interval: an acute course (weekly) waits 14 days, a maintenance
    course its cadence plus 14 days (a monthly course: 42 days). The rule, for an acute course:
    an active course that began at least 14 days ago (its clinical start: the first attended
    session, or the planned first appointment before any) has no attended session held in the
    last 14 days: the last attended session was held before today - 14 days, or none was.
    The day the "Start" button was pressed plays no part: a course started late in the app
    but begun on time with the client is judged by the client's dates."""
    course = f.course
    if course.status != CourseStatus.ACTIVE:
        return False
    started = course.clinical_start
    cutoff = f.today - datetime.timedelta(days=overdue_after_days(course))
    if started > cutoff:
        return False
    last_held = max((s.held_on for s in f.sessions), default=None)
    return last_held is None or last_held < cutoff


def overdue_after_days(course) -> int:
    """Days without a session before a course is overdue: 14 for an acute (weekly) course; for
    a maintenance course its cadence plus two weeks (monthly: 42 days)."""
    if course.is_maintenance:
        return 7 * course.interval_weeks + MAINTENANCE_GRACE_DAYS
    return OVERDUE_AFTER_DAYS


# The kinds of course a flag applies to (``Course.kind``). The acute course's own steps
# (assessment, inventory, formulation, focal-area drift, tasks, role play, preparing the
# ending) are done or carried over before a maintenance course starts.
ALL_KINDS = frozenset(CourseKind.values)


@dataclass(frozen=True)
class Flag:
    key: str
    label: str
    explanation: str
    rule: Callable[[CourseFacts], bool]
    tone: str = "warn"  # the tag style: "risk" for safety and worsening, "warn" for the rest
    kinds: frozenset = ALL_KINDS

    def applies_to(self, course) -> bool:
        return course.kind in self.kinds


def _trap_flag(trap: Trap) -> Flag:
    return Flag(
        trap.key, trap.label, trap.explanation, lambda f: trap.key in f.caught, kinds=trap.kinds
    )


FLAGS: tuple[Flag, ...] = (
    Flag(
        "risk",
        "Open risk",
        "A raised suicide-risk flag has not been reviewed and closed yet.",
        open_risk,
        "risk",
    ),
    Flag(
        "mania",
        "Possible mania",
        "The latest mania screen (ASRM) scored 6 or more: assess for mania or hypomania.",
        possible_mania,
        "risk",
    ),
    Flag(
        "deterioration",
        "Reliable deterioration",
        "One of the course's own measures (PHQ-9, GAD-7, EPDS by adaptation) is now worse "
        "than at the start by more than its published reliable change.",
        reliable_deterioration,
        "risk",
    ),
    Flag(
        "not_on_track",
        "Not on track",
        "Scores on the course's own measures have worsened, or its depression measure (PHQ-9, "
        "PHQ-A or SMFQ) has not fallen enough for this point in the course.",
        not_on_track,
    ),
    Flag(
        "no_formulation",
        "No formulation shared",
        "The initial phase is over and no formulation has been shared with the client.",
        no_formulation_shared,
        kinds=ACUTE_ONLY,
    ),
    Flag(
        "early_formulation",
        "Shared before inventory",
        "A formulation was shared before the interpersonal inventory was marked complete.",
        formulation_before_inventory,
        kinds=ACUTE_ONLY,
    ),
    # The traps, in their table's order, after the formulation's own flags.
    *(_trap_flag(trap) for trap in TRAPS),
    Flag(
        "no_role_play",
        "No role play",
        "Halfway through the middle phase and no role play has been recorded.",
        no_role_play_by_midpoint,
        kinds=ACUTE_ONLY,
    ),
    Flag(
        "no_task",
        "No task agreed",
        "Neither of the last two sessions agreed an interpersonal task for the week.",
        no_recent_task,
        kinds=ACUTE_ONLY,
    ),
    Flag(
        "ending",
        "Ending not discussed",
        "The termination phase has begun and no session records talking about the ending.",
        ending_not_discussed,
        kinds=ACUTE_ONLY,
    ),
    Flag(
        "past_length",
        "Past planned length",
        "More sessions have been held than were agreed at the start.",
        past_planned_length,
    ),
    Flag(
        "unsigned",
        "Unsigned notes",
        f"A session note is still unsigned more than {UNSIGNED_AFTER_WORKING_DAYS} working days"
        " after the session.",
        unsigned_notes,
    ),
    Flag(
        "no_questionnaire",
        "No recent questionnaire",
        "Neither of the last two sessions has a questionnaire recorded.",
        no_recent_questionnaire,
    ),
    Flag(
        "overdue",
        "Overdue",
        f"No session has been held in the last {OVERDUE_AFTER_DAYS} days (a maintenance course:"
        " its cadence plus two weeks).",
        overdue,
    ),
)
FLAGS_BY_KEY: dict[str, Flag] = {flag.key: flag for flag in FLAGS}


def raised(facts: CourseFacts) -> list[Flag]:
    """The flags a course raises, in ``FLAGS`` order."""
    kind = facts.course.kind
    return [flag for flag in FLAGS if kind in flag.kinds and flag.rule(facts)]
