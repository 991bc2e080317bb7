"""What a clinician sees and must settle before a course ends: the rules, read side.

The ending form, the service and the course page all ask these functions, so the rule about
when a course may complete, and when a decision about what happens next is needed, is one rule.
"""

from dataclasses import dataclass

from cases import ports
from cases.models import Course
from cases.models.courses import CourseStatus
from cases.models.endings import MAX_EXTRA_SESSIONS, NextStep
from cases.phases import termination_length

MAX_PLANNED_SESSIONS = 40


def open_flags(course: Course) -> list:
    """The course's suicide-risk flags not yet closed by a review, the most urgent first."""
    return ports.risk().open_flags(course)


def final_outcome(course: Course):
    """The course's outcome facts (``CourseOutcome``): the one call the ending reads it through."""
    return ports.outcomes([course])[course.pk]


def needs_decision(outcome) -> bool:
    """A decision about what happens next is required unless the client reliably recovered:
    still at caseness, or a change too small to be reliable, or no paired scores at all."""
    return not outcome.outcome.reliable_recovery


def flags_sentence(flags: list) -> str:
    """The open flags named in words, for refusals and handover prompts."""
    named = "; ".join(f"{flag.reason} (raised {flag.raised_at:%d %b %Y})" for flag in flags)
    if len(flags) == 1:
        return f"A suicide-risk flag is still open on this course: {named}"
    return f"{len(flags)} suicide-risk flags are still open on this course: {named}"


def completion_refusal(course: Course, flags: list | None = None) -> str | None:
    """Why this course cannot be completed now, or None when it can."""
    if course.status != CourseStatus.ACTIVE:
        return "Only an active course can be completed."
    if course.phase != "termination":
        first = max(course.planned_sessions - termination_length(course.planned_sessions) + 1, 1)
        return (
            f"This course is in its {course.phase_label.lower()} phase (next session "
            f"{course.current_session_number} of {course.planned_sessions}). Completing is part "
            f"of the termination phase, from session {first}. To stop before then, end the "
            "course early and record why."
        )
    flags = open_flags(course) if flags is None else flags
    if flags:
        return (
            f"{flags_sentence(flags)}. Record the risk review that closes it on the course's "
            "risk page before completing the course."
        )
    return None


def decision_errors(
    course: Course, outcome, decision: str, extra_sessions: int | None, reason: str
) -> dict[str, str]:
    """Field -> message for a decision that does not hold; empty when it does."""
    errors: dict[str, str] = {}
    if decision and decision not in NextStep.values:
        errors["decision"] = "Choose one of the listed decisions."
        return errors
    if not decision and needs_decision(outcome):
        errors["decision"] = (
            f"The outcome is '{outcome.outcome.summary.lower()}', not reliable recovery: "
            "decide what happens next."
        )
    if decision and not reason.strip():
        errors["decision_reason"] = "Give the reason for this decision."
    if decision == NextStep.EXTEND:
        if not extra_sessions or not 1 <= extra_sessions <= MAX_EXTRA_SESSIONS:
            errors["extra_sessions"] = f"Say how many sessions to add: 1 to {MAX_EXTRA_SESSIONS}."
        elif course.planned_sessions + extra_sessions > MAX_PLANNED_SESSIONS:
            errors["extra_sessions"] = (
                f"A course plans at most {MAX_PLANNED_SESSIONS} sessions; this one plans "
                f"{course.planned_sessions} already."
            )
    return errors


@dataclass
class RelapsePlanState:
    written: int
    parts: int

    @property
    def label(self) -> str:
        if not self.written:
            return "Not started"
        if self.written == self.parts:
            return "Written (all parts)"
        return f"{self.written} of {self.parts} parts written"

    @property
    def complete(self) -> bool:
        return self.written == self.parts


def relapse_plan_state(course: Course) -> RelapsePlanState:
    written, parts = ports.book().relapse_plan_written(course)
    return RelapsePlanState(written=written, parts=parts)


@dataclass
class EndingFacts:
    """Everything the ending form shows back before the therapist decides."""

    outcome: object  # measures.queries.CourseOutcome
    needs_decision: bool
    relapse_plan: RelapsePlanState
    flags: list
    refusal: str | None


def ending_facts(course: Course) -> EndingFacts:
    outcome = final_outcome(course)
    flags = open_flags(course)
    return EndingFacts(
        outcome=outcome,
        needs_decision=needs_decision(outcome),
        relapse_plan=relapse_plan_state(course),
        flags=flags,
        refusal=completion_refusal(course, flags),
    )
