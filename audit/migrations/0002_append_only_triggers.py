"""On PostgreSQL, the database itself refuses to rewrite history.

- audit_auditevent: every UPDATE and DELETE is refused.
- session_logs_session: a signed or co-signed note cannot be deleted, and its clinical content
  cannot be changed (co-signing, voiding and returning a note change only other columns).

Other databases (SQLite for tests and the demo) rely on the application's own guards.
"""

from django.db import migrations

PROTECTED_NOTE_COLUMNS = [
    "course_id",
    "attendance",
    "held_at",
    "duration_minutes",
    "number",
    "follow_up_action",
    "mood_rating",
    "mood_account",
    "task_review",
    "task_review_note",
    "techniques",
    "risk_asked",
    "risk_level",
    "risk_action",
    "next_task",
    "next_task_person",
    "note",
    "diagnosis_given",
    "psychoeducation_given",
    "sick_role_explained",
    "focal_area_discussed",
    "sessions_remaining_discussed",
    "gains_reviewed",
    "ending_feelings",
    "author_id",
    "signed_at",
    "signed_by_id",
]

_changed = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in PROTECTED_NOTE_COLUMNS)

FORWARD = f"""
CREATE OR REPLACE FUNCTION audit_refuse_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'The audit trail is append-only: % refused.', TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
CREATE TRIGGER audit_auditevent_append_only
    BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_rewrite();

CREATE OR REPLACE FUNCTION session_logs_protect_signed_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status IN ('signed', 'cosigned') THEN
        IF TG_OP = 'DELETE' THEN
            RAISE EXCEPTION 'A signed session note is never deleted (void it instead).'
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF {_changed} THEN
            RAISE EXCEPTION 'A signed session note cannot be changed (add an addendum instead).'
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER session_logs_session_signed_immutable
    BEFORE UPDATE OR DELETE ON session_logs_session
    FOR EACH ROW EXECUTE FUNCTION session_logs_protect_signed_note();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS session_logs_session_signed_immutable ON session_logs_session;
DROP FUNCTION IF EXISTS session_logs_protect_signed_note();
DROP TRIGGER IF EXISTS audit_auditevent_append_only ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_refuse_rewrite();
"""


def _on_postgresql(sql: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)  # no placeholders: % is literal

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("session_logs", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(_on_postgresql(FORWARD), _on_postgresql(BACKWARD), elidable=False),
    ]
