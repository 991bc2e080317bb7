# ruff: noqa: S608 - DDL built from the constant table and column names of audit.protection
"""The rules of ``audit.protection``, as SQLite triggers (SQLite has no roles and no
plpgsql: each rule is a BEFORE trigger whose body raises when its condition holds)."""

from audit.protection import (
    APPEND_ONLY,
    AUDIT_TABLE,
    MSG_BACKDATED,
    MSG_CHAIN,
    MSG_COSIGNED,
    MSG_NO_DELETE,
    MSG_PART,
    MSG_SIGNED_CHANGED,
    MSG_SIGNED_DELETED,
    MSG_STATUS,
    MSG_VOID,
    NO_DELETE,
    _quote,
    _review_exists,
    _signed,
    note_rule,
)


def statements(tables: set[str]) -> list[str]:
    from audit import course_versions, signed_rows

    return (
        _lite_statements(tables)
        + _lite_no_delete(tables)
        + signed_rows.sqlite_statements(tables, _lite_trigger, _lite_raise)
        + course_versions.sqlite_statements(tables, _lite_trigger)
    )


def _lite_changed(columns) -> str:
    return " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in columns)


def _lite_raise(message: str, where: str = "1") -> str:
    return f"SELECT RAISE(ABORT, '{_quote(message)}.') WHERE {where};"


def _lite_trigger(name: str, when: str, table: str, body: str, condition: str = "") -> list[str]:
    guard = f" WHEN {condition}" if condition else ""
    return [
        f"DROP TRIGGER IF EXISTS {name};",
        f"CREATE TRIGGER {name} {when} ON {table}{guard} BEGIN {body} END;",
    ]


def _lite_statements(tables: set[str]) -> list[str]:
    out: list[str] = []
    for table, message in APPEND_ONLY.items():
        if table not in tables:
            continue
        out += _lite_trigger(
            f"ipt_{table}_no_update",
            "BEFORE UPDATE",
            table,
            _lite_raise(f"{message}: UPDATE refused"),
        )
        out += _lite_trigger(
            f"ipt_{table}_no_delete",
            "BEFORE DELETE",
            table,
            _lite_raise(f"{message}: DELETE refused"),
        )
    if AUDIT_TABLE in tables:
        out += _lite_chain_statements()
    return out + _lite_note_statements(tables)


def _lite_chain_statements() -> list[str]:
    last_hash = f"(SELECT hash FROM {AUDIT_TABLE} ORDER BY seq DESC LIMIT 1)"
    return _lite_trigger(
        "ipt_audit_chain_continues",
        "BEFORE INSERT",
        AUDIT_TABLE,
        _lite_raise(
            MSG_CHAIN,
            f"NEW.seq IS NOT coalesce((SELECT max(seq) FROM {AUDIT_TABLE}), 0) + 1 "
            f"OR NEW.prev_hash IS NOT coalesce({last_hash}, '{'0' * 64}')",
        )
        + _lite_raise(
            MSG_BACKDATED,
            f"NEW.at < (SELECT at FROM {AUDIT_TABLE} ORDER BY seq DESC LIMIT 1) "
            "OR NEW.at > strftime('%Y-%m-%d %H:%M:%f', 'now', '+5 minutes')",
        ),
    )


def _lite_note_statements(tables: set[str]) -> list[str]:
    out: list[str] = []
    rule = note_rule()
    if rule is None or rule.table not in tables:
        return out
    session = rule.table
    cosigned_review = _review_exists("cosigned", " AND r.reviewed_by_id = NEW.cosigned_by_id")
    returned_review = _review_exists("returned", " AND r.reviewed_at >= OLD.signed_at")
    out += _lite_trigger(
        f"ipt_{session}_signed_immutable",
        "BEFORE UPDATE",
        session,
        _lite_raise(MSG_SIGNED_CHANGED, _lite_changed(rule.frozen_columns))
        + _lite_raise(
            MSG_VOID, f"OLD.voided_at IS NOT NULL AND ({_lite_changed(rule.void_columns)})"
        )
        + _lite_raise(
            MSG_COSIGNED,
            f"OLD.status = 'cosigned' AND (NEW.status <> 'cosigned' OR {_lite_changed(rule.cosign_columns)})",
        )
        + _lite_raise(
            MSG_STATUS,
            "OLD.status = 'signed' AND ("
            f"(NEW.status = 'signed' AND ({_lite_changed(rule.cosign_columns)}))"
            f" OR (NEW.status = 'cosigned' AND (NEW.cosigned_at IS NULL OR NOT {cosigned_review}))"
            f" OR (NEW.status = 'returned' AND (({_lite_changed(rule.cosign_columns)}) OR NOT {returned_review}))"
            " OR NEW.status NOT IN ('signed', 'cosigned', 'returned'))",
        ),
        condition=_signed("OLD"),
    )
    out += _lite_trigger(
        f"ipt_{session}_no_delete",
        "BEFORE DELETE",
        session,
        _lite_raise(MSG_SIGNED_DELETED, _signed("OLD")) + _lite_raise(MSG_NO_DELETE),
    )
    for table in rule.parts:
        if table not in tables:
            continue

        def frozen(row: str) -> str:
            return f"EXISTS (SELECT 1 FROM {session} s WHERE s.id = {row}.session_id AND {_signed('s')})"

        out += _lite_trigger(
            f"ipt_{table}_frozen_insert",
            "BEFORE INSERT",
            table,
            _lite_raise(MSG_PART, frozen("NEW")),
        )
        out += _lite_trigger(
            f"ipt_{table}_frozen_update",
            "BEFORE UPDATE",
            table,
            _lite_raise(MSG_PART, f"{frozen('OLD')} OR {frozen('NEW')}"),
        )
        out += _lite_trigger(
            f"ipt_{table}_frozen_delete",
            "BEFORE DELETE",
            table,
            _lite_raise(MSG_PART, frozen("OLD")),
        )
    return out


def _lite_no_delete(tables: set[str]) -> list[str]:
    out: list[str] = []
    rule = note_rule()
    for table in NO_DELETE:
        if table in tables and (rule is None or table != rule.table):
            out += _lite_trigger(
                f"ipt_{table}_no_delete", "BEFORE DELETE", table, _lite_raise(MSG_NO_DELETE)
            )
    return out
