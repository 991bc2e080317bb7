"""Let the demo loader (seed_demo, DEBUG only) fill in signed demo notes on PostgreSQL.

The signed-note trigger now steps aside when the transaction has set
``ipt.seeding_demo = 'on'`` (``SET LOCAL``, so it ends with that transaction). Only
``seed_demo`` sets it. This guards against application bugs and casual SQL, as before; it
never stopped the table's owner, who could disable the trigger anyway.
"""

import importlib

from django.db import migrations

previous = importlib.import_module("audit.migrations.0002_append_only_triggers")
_changed = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in previous.PROTECTED_NOTE_COLUMNS)

FORWARD = f"""
CREATE OR REPLACE FUNCTION session_logs_protect_signed_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status IN ('signed', 'cosigned')
       AND coalesce(current_setting('ipt.seeding_demo', true), '') <> 'on' THEN
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
"""

BACKWARD = previous.FORWARD.split("CREATE TRIGGER session_logs_session_signed_immutable")[0].split(
    "CREATE OR REPLACE FUNCTION session_logs_protect_signed_note()"
)[1]
BACKWARD = "CREATE OR REPLACE FUNCTION session_logs_protect_signed_note()" + BACKWARD


def _on_postgresql(sql: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]

    operations = [
        migrations.RunPython(_on_postgresql(FORWARD), _on_postgresql(BACKWARD), elidable=False),
    ]
