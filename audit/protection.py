# ruff: noqa: S608 - DDL built from the constant table and column names below, never from input
"""What the database itself refuses, on PostgreSQL and on SQLite alike.

The rules, and who they stop:

- **Append-only tables** (the audit trail, addenda, note reviews (co-signatures and returns),
  risk reviews, the admin's log, saved versions of the relapse-prevention and follow-up plans): every UPDATE and DELETE is refused.
- **The audit trail's chain**: an INSERT must continue the chain (next position, the last
  row's hash as ``prev_hash``) and may not be dated before the last row, nor (PostgreSQL) more
  than five minutes ahead of the database's clock. Only the app holds the key that makes a
  row's own hash valid (``audit.chain``), so a row written by anyone else fails
  ``verify_audit``.
- **A signed or co-signed note**: never deleted; its clinical content, who signed it and when
  never change; its status moves only signed -> co-signed or signed -> returned, each backed by
  a supervisor's review row, and a co-signed note's status and co-signature are final. Voiding
  is allowed once and is final.
- **The parts of a signed note** (communication and decision analyses, role plays, focal-area
  work, the people involved): no row added, changed or removed while the note is signed or
  co-signed (a returned note is a draft again for its trainee).
- **No hard deletes** of clinical records: see ``NO_DELETE``.
- **Other signed records** (a group session's group-level note and its members' entries):
  frozen once signed, see ``audit.signed_rows``.

Which tables each rule covers is registered by the app that owns them, from its
AppConfig.ready() (``append_only``, ``never_deleted``, ``signed_record``, ``reviewed_by``):
audit is the ground layer and imports none of them.

On PostgreSQL these triggers bind the app's runtime role, which owns no table and so cannot
drop or disable them; the tables' owner (the migrating role) can, which is why it never runs
the app (see ``audit.roles``). TRUNCATE and trigger changes are refused to the runtime role by
its privileges, not by triggers. On SQLite, which has no roles, the same triggers stop the app
and casual SQL; anyone who can write the file can drop them.

``install`` is idempotent and runs at the end of every ``migrate`` (and from
``grant_runtime_role``), so a table rebuilt by a later migration gets its rules back.
"""

from dataclasses import dataclass

from django.db import connection as default_connection

SIGNED = ("signed", "cosigned")
AUDIT_TABLE = "audit_auditevent"

# The tables each rule covers are registered by the apps that own them, from their
# AppConfig.ready() (docs/architecture.md: audit, at the ground, imports none of them). These
# are mutated in place, never rebound, so ``from audit.protection import APPEND_ONLY`` sees
# every registration.
APPEND_ONLY: dict[str, str] = {
    AUDIT_TABLE: "The audit trail is append-only",
    "django_admin_log": "The admin's log is append-only",
}
# Clinical records are closed, voided or archived, never deleted.
NO_DELETE: list[str] = []


@dataclass(frozen=True)
class SignedRecordRule:
    """A record that a signature freezes (the session note), registered by its app.

    ``frozen_columns``: what the signature freezes; ``void_columns`` and ``cosign_columns``:
    its later life (voided once; co-signed or returned only with a review row in
    ``review_table``); ``parts``: tables whose rows (``session_id``) freeze with it.
    """

    table: str
    frozen_columns: tuple[str, ...]
    void_columns: tuple[str, ...]
    cosign_columns: tuple[str, ...]
    parts: tuple[str, ...]


_signed_records: dict[str, object] = {}


def append_only(model, message: str) -> None:
    """Refuse every UPDATE and DELETE on ``model``'s table."""
    APPEND_ONLY[model._meta.db_table] = message


def never_deleted(*models) -> None:
    """Refuse every DELETE on these models' tables (they are archived or voided instead)."""
    for model in models:
        if model._meta.db_table not in NO_DELETE:
            NO_DELETE.append(model._meta.db_table)


def signed_record(rule: SignedRecordRule) -> None:
    """The signed note's rule (sessions registers it)."""
    _signed_records["note"] = rule


def reviewed_by(model) -> None:
    """The table of supervisors' reviews a note's co-signature or return must be backed by
    (supervision registers it)."""
    _signed_records["review_table"] = model._meta.db_table


def note_rule() -> SignedRecordRule | None:
    return _signed_records.get("note")


MSG_SIGNED_CHANGED = "A signed session note cannot be changed (add an addendum instead)"
MSG_SIGNED_DELETED = "A signed session note is never deleted (void it instead)"
MSG_STATUS = (
    "A signed note's status moves only to co-signed or returned, by its supervisor's review"
)
MSG_COSIGNED = "A co-signed note is final"
MSG_VOID = "Voiding a signed note is final"
MSG_PART = "This note is signed: its records cannot be added, changed or removed"
MSG_NO_DELETE = "Clinical records are never deleted"
MSG_CHAIN = "An audit row must continue the chain (next position, previous row's hash)"
MSG_BACKDATED = "An audit row cannot be dated before the last one or in the future"


def _signed(alias: str) -> str:
    return f"{alias}.status IN ('signed', 'cosigned')"


def _review_exists(action: str, extra: str = "") -> str:
    review_table = _signed_records.get("review_table")
    if review_table is None:
        return "0 = 1"  # no review table registered: no co-signature or return is backed
    return (
        f"EXISTS (SELECT 1 FROM {review_table} r WHERE r.session_id = OLD.id "
        f"AND r.action = '{action}'{extra})"
    )


# ---------------------------------------------------------------- PostgreSQL


def _pg_changed(columns: list[str]) -> str:
    return " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in columns)


def _quote(message: str) -> str:
    return message.replace("'", "''")


def _pg_raise(message: str, *args: str) -> str:
    values = "".join(f", {a}" for a in args)
    return (
        f"RAISE EXCEPTION '{_quote(message)}.'{values} "
        "USING ERRCODE = 'integrity_constraint_violation';"
    )


def _pg_function(name: str, body: str, declare: str = "") -> str:
    declarations = f"DECLARE\n{declare}\n" if declare else ""
    return (
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        f"{declarations}BEGIN\n{body}\nEND;\n$$;"
    )


def _pg_trigger(name: str, table: str, when: str, function: str) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {name} ON {table};",
        f"CREATE TRIGGER {name} {when} ON {table} FOR EACH ROW EXECUTE FUNCTION {function}();",
    ]


def _pg_statements(tables: set[str]) -> list[str]:
    out: list[str] = []
    # Append-only tables (the two legacy names from audit/migrations/0002 are kept).
    for table, message in APPEND_ONLY.items():
        function = "audit_refuse_rewrite" if table == AUDIT_TABLE else f"ipt_{table}_append_only"
        trigger = "audit_auditevent_append_only" if table == AUDIT_TABLE else function
        if table not in tables:
            continue
        out.append(_pg_function(function, _pg_raise(f"{message}: % refused", "TG_OP")))
        out += _pg_trigger(trigger, table, "BEFORE UPDATE OR DELETE", function)
    # The chain: an insert continues it. The table's owner (restoring a dump) is not exempt.
    if AUDIT_TABLE not in tables:
        return out + _pg_note_statements(tables)
    out.append(
        _pg_function(
            "ipt_audit_chain_continues",
            f"""
    -- The last row, read once: one index probe per inserted row. Its time is the latest,
    -- as this check keeps them in order (and audit.chain stamps rows from it).
    SELECT seq, hash, at INTO last_seq, last_hash, last_at
    FROM {AUDIT_TABLE} ORDER BY seq DESC LIMIT 1;
    IF NEW.seq <= coalesce(last_seq, 0) THEN
        IF EXISTS (SELECT 1 FROM {AUDIT_TABLE} WHERE seq = NEW.seq) THEN
            -- A position already taken: the unique index on seq refuses the row (or an
            -- ON CONFLICT append skips it and chains again: audit.chain.append with a head).
            RETURN NEW;
        END IF;
    END IF;
    IF NEW.seq IS DISTINCT FROM coalesce(last_seq, 0) + 1
       OR NEW.prev_hash IS DISTINCT FROM coalesce(last_hash, repeat('0', 64)) THEN
        {_pg_raise(MSG_CHAIN)}
    END IF;
    IF NEW.at < last_at
       OR NEW.at > clock_timestamp() + interval '5 minutes' THEN
        {_pg_raise(MSG_BACKDATED)}
    END IF;
    RETURN NEW;""",
            declare="    last_seq bigint;\n    last_hash text;\n    last_at timestamptz;",
        )
    )
    out += _pg_trigger(
        "ipt_audit_chain_continues", AUDIT_TABLE, "BEFORE INSERT", "ipt_audit_chain_continues"
    )
    return out + _pg_note_statements(tables)


def _pg_note_statements(tables: set[str]) -> list[str]:
    out: list[str] = []
    rule = note_rule()
    if rule is None or rule.table not in tables:
        return out
    # The signed note (legacy function and trigger names from audit/migrations/0002, so this
    # replaces the version with the seeding_demo bypass of 0003).
    out.append(
        _pg_function(
            "session_logs_protect_signed_note",
            f"""
    IF TG_OP = 'DELETE' THEN
        IF {_signed("OLD")} THEN {_pg_raise(MSG_SIGNED_DELETED)} END IF;
        {_pg_raise(MSG_NO_DELETE)}
    END IF;
    IF {_signed("OLD")} THEN
        IF {_pg_changed(rule.frozen_columns)} THEN {_pg_raise(MSG_SIGNED_CHANGED)} END IF;
        IF OLD.voided_at IS NOT NULL AND ({_pg_changed(rule.void_columns)}) THEN
            {_pg_raise(MSG_VOID)}
        END IF;
        IF OLD.status = 'cosigned' THEN
            IF NEW.status <> 'cosigned' OR {_pg_changed(rule.cosign_columns)} THEN
                {_pg_raise(MSG_COSIGNED)}
            END IF;
        ELSIF NEW.status = 'signed' THEN
            IF {_pg_changed(rule.cosign_columns)} THEN {_pg_raise(MSG_STATUS)} END IF;
        ELSIF NEW.status = 'cosigned' THEN
            IF NEW.cosigned_at IS NULL OR NOT {_review_exists("cosigned", " AND r.reviewed_by_id = NEW.cosigned_by_id")} THEN
                {_pg_raise(MSG_STATUS)}
            END IF;
        ELSIF NEW.status = 'returned' THEN
            IF {_pg_changed(rule.cosign_columns)}
               OR NOT {_review_exists("returned", " AND r.reviewed_at >= OLD.signed_at")} THEN
                {_pg_raise(MSG_STATUS)}
            END IF;
        ELSE
            {_pg_raise(MSG_STATUS)}
        END IF;
    END IF;
    RETURN NEW;""",
        )
    )
    out += _pg_trigger(
        f"{rule.table}_signed_immutable",
        rule.table,
        "BEFORE UPDATE OR DELETE",
        "session_logs_protect_signed_note",
    )
    # The parts of a signed note.
    out.append(
        _pg_function(
            "ipt_note_part_frozen",
            f"""
    IF TG_OP <> 'INSERT' AND EXISTS (
        SELECT 1 FROM {rule.table} s WHERE s.id = OLD.session_id AND {_signed("s")}) THEN
        {_pg_raise(MSG_PART)}
    END IF;
    IF TG_OP <> 'DELETE' AND EXISTS (
        SELECT 1 FROM {rule.table} s WHERE s.id = NEW.session_id AND {_signed("s")}) THEN
        {_pg_raise(MSG_PART)}
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;""",
        )
    )
    for table in rule.parts:
        if table in tables:
            out += _pg_trigger(
                f"ipt_{table}_frozen",
                table,
                "BEFORE INSERT OR UPDATE OR DELETE",
                "ipt_note_part_frozen",
            )
    return out


def _pg_no_delete(tables: set[str]) -> list[str]:
    out = [_pg_function("ipt_refuse_delete", _pg_raise(MSG_NO_DELETE))]
    rule = note_rule()
    for table in NO_DELETE:
        if table in tables and (rule is None or table != rule.table):
            out += _pg_trigger(
                f"ipt_{table}_no_delete", table, "BEFORE DELETE", "ipt_refuse_delete"
            )
    return out


def statements(connection=default_connection) -> list[str]:
    tables = set(connection.introspection.table_names())
    if AUDIT_TABLE in tables:
        with connection.cursor() as cursor:
            columns = {
                c.name for c in connection.introspection.get_table_description(cursor, AUDIT_TABLE)
            }
        if "seq" not in columns:
            # Migrated only part of the way (before audit 0004): no chain to protect yet.
            tables.discard(AUDIT_TABLE)
    if connection.vendor == "postgresql":
        from audit import course_versions, signed_rows

        return (
            _pg_statements(tables)
            + _pg_no_delete(tables)
            + signed_rows.pg_statements(tables, _pg_function, _pg_trigger, _pg_raise)
            + course_versions.pg_statements(tables, _pg_function, _pg_trigger)
        )
    if connection.vendor == "sqlite":
        from audit import protection_sqlite

        return protection_sqlite.statements(tables)
    return []


def install(connection=default_connection) -> int:
    """(Re)create every rule on this database; returns how many statements ran."""
    sql = statements(connection)
    with connection.cursor() as cursor:
        for statement in sql:
            cursor.execute(statement)
    return len(sql)


def uninstall_sqlite(connection=default_connection) -> None:
    """Drop SQLite's rules (test harness only: a test database's flush deletes every row)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'ipt\\_%' ESCAPE '\\'"
        )
        for (name,) in cursor.fetchall():
            cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')
