"""What a signature freezes on a session note, registered with the database rules of
``audit.protection`` (which installs them as triggers on PostgreSQL and SQLite alike).

A new column on ``Session`` must be named here, frozen or part of the note's later life:
tests/audit/test_frozen_columns.py fails otherwise.
"""

import dataclasses

from audit import protection
from sessions.models import NOTE_FIELDS

# What a signature freezes on the note itself (everything but the note's later life:
# co-signature, return, voiding, version and updated_at).
FROZEN_NOTE_COLUMNS = [
    "course_id",
    "scheduled_for",
    "planned_week",
    "attendance",
    "held_at",
    "duration_minutes",
    "number",
    "follow_up_action",
    *NOTE_FIELDS,
    "author_id",
    "signed_at",
    "signed_by_id",
    "created_at",
    # The plan versions a termination note was signed with (shown on it, frozen with it).
    "signed_relapse_plan_id",
    "signed_follow_up_plan_id",
]
VOID_COLUMNS = ["voided_at", "void_reason", "voided_by_id"]
COSIGN_COLUMNS = ["cosigned_at", "cosigned_by_id"]


def register() -> None:
    from sessions import goal_progress, models, plans, questionnaire_drafts

    protection.append_only(models.Addendum, "An addendum is never changed or removed")
    protection.append_only(
        models.BoosterSession, "A booster session's record is never changed or removed"
    )
    protection.append_only(plans.RelapsePlanVersion, "A saved plan version never changes")
    protection.append_only(plans.FollowUpPlanVersion, "A saved plan version never changes")
    protection.never_deleted(
        models.Session,
        plans.RelapsePreventionPlan,
        plans.FollowUpPlan,
        questionnaire_drafts.QuestionnaireDraft,
    )
    parts = [
        models.CommunicationAnalysis,
        models.RolePlay,
        models.DecisionAnalysis,
        models.FocalAreaWork,
        # The people a focal area's work was about freeze with the note too.
        models.FocalWorkPerson,
        goal_progress.GoalProgress,
        # A questionnaire left unfinished is part of the note as it was signed.
        questionnaire_drafts.QuestionnaireDraft,
        models.Session.people_involved.through,
    ]
    protection.signed_record(
        protection.SignedRecordRule(
            table=models.Session._meta.db_table,
            frozen_columns=tuple(FROZEN_NOTE_COLUMNS),
            void_columns=tuple(VOID_COLUMNS),
            cosign_columns=tuple(COSIGN_COLUMNS),
            parts=tuple(part._meta.db_table for part in parts),
        )
    )


def note_part(model) -> None:
    """Register a higher app's table (with a ``session_id``) as a part of the session note:
    frozen with it once signed. Call from that app's ready(), which runs after this one's."""
    rule = protection.note_rule()
    if rule is None:
        raise RuntimeError("Register the session note's rule (sessions) before its parts.")
    table = model._meta.db_table
    if table not in rule.parts:
        protection.signed_record(dataclasses.replace(rule, parts=(*rule.parts, table)))
