"""On PostgreSQL: a signed note keeps the plan versions it was signed with, and a saved plan
version is never changed or removed.

The signed-note trigger of 0003 now also protects ``signed_relapse_plan_id`` and
``signed_follow_up_plan_id``; the plan version tables refuse UPDATE and DELETE.
"""

import importlib

from django.db import migrations

first = importlib.import_module("audit.migrations.0002_append_only_triggers")
previous = importlib.import_module("audit.migrations.0003_seed_data_may_rewrite_signed_notes")

PROTECTED_NOTE_COLUMNS = [
    *first.PROTECTED_NOTE_COLUMNS,
    "signed_relapse_plan_id",
    "signed_follow_up_plan_id",
]
_old = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in first.PROTECTED_NOTE_COLUMNS)
_new = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in PROTECTED_NOTE_COLUMNS)
assert _old in previous.FORWARD

PLAN_VERSION_TABLES = ["session_logs_relapseplanversion", "session_logs_followupplanversion"]

FORWARD = (
    previous.FORWARD.replace(_old, _new)
    + """
CREATE OR REPLACE FUNCTION session_logs_refuse_plan_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'A saved plan version never changes: % refused.', TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
"""
    + "".join(
        f"""
CREATE TRIGGER {table}_append_only
    BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION session_logs_refuse_plan_rewrite();
"""
        for table in PLAN_VERSION_TABLES
    )
)

BACKWARD = (
    "".join(
        f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};\n" for table in PLAN_VERSION_TABLES
    )
    + "DROP FUNCTION IF EXISTS session_logs_refuse_plan_rewrite();\n"
    + previous.FORWARD
)


def _on_postgresql(sql: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)  # no placeholders: % is literal

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_seed_data_may_rewrite_signed_notes"),
        ("session_logs", "0004_plan_versions_frozen_on_signed_notes"),
    ]

    operations = [
        migrations.RunPython(_on_postgresql(FORWARD), _on_postgresql(BACKWARD), elidable=False),
    ]
