"""What a note still lacks before it is signed: a plain list the page shows above the button.

These are reminders, not locks: the therapist may sign with gaps after one confirmation, and
the gaps stay visible to the supervisor in the note itself.
"""

from sessions.models import Session


def missing_items(session: Session, grids=()) -> list[str]:
    """Gaps in a draft note, in the order the page shows the fields (no queries)."""
    phase = session.phase
    maintenance = session.course.is_maintenance
    missing = []
    if session.mood_rating is None:
        missing.append("no mood rating recorded")
    if maintenance and not session.warning_signs_noticed.strip():
        missing.append("early warning signs not recorded")
    if maintenance and not session.relapse_plan_reviewed:
        missing.append("relapse-prevention plan not reviewed")
    if not maintenance and phase in ("middle", "termination") and not session.task_review:
        missing.append("last session's task not reviewed")
    if session.risk_asked is None:
        missing.append("no risk question recorded")
    elif session.risk_asked and not session.risk_level:
        missing.append("no risk level chosen")
    if session.risk_level == "high" and not session.risk_action.strip():
        missing.append("high risk with no action recorded")
    missing.extend(_questionnaire_gap(grid) for grid in grids if grid.saved is None)
    if not maintenance and phase != "termination" and not session.next_task.strip():
        missing.append("no interpersonal task agreed for next time")
    if not session.note.strip():
        missing.append("nothing written under “What happened in the session”")
    return missing


def _questionnaire_gap(grid) -> str:
    """An unanswered questionnaire is a gap; a half-answered one is said plainly, because
    signing keeps its answers with the note but never scores them."""
    name = grid.instrument.short_name
    if not grid.started:
        return f"{name} not completed"
    score = grid.score
    if score.complete:
        return f"{name} answered but not yet saved"
    return (
        f"{name} started but not finished: {score.answered} of "
        f"{len(grid.instrument.items)} items answered; it will not be scored"
    )


def sign_label(user) -> str:
    """Trainees' notes go on to their supervisor, and the button says so."""
    if getattr(user, "is_trainee", False):
        return "Sign and send for co-signature"
    return "Sign the note"
