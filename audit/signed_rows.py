# ruff: noqa: S608 - DDL built from registered table and column names, never from input
"""Records other than the session note that a signature freezes, as database rules.

The session note has its own rule (``audit.protection``: co-signature, return, voiding). A
simpler signed record, such as a group session's group-level note, is registered here by the
app that owns it: once its ``status`` is 'signed', its frozen columns and its status never
change, and the rows of its parts (tables holding a foreign key to it) are neither added,
changed nor removed. Installed with the other rules, on PostgreSQL and SQLite alike.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class SignedRowRule:
    """``table``'s rows freeze once ``status = 'signed'``: ``frozen_columns`` and the status.
    ``parts``: (table, column holding the id of a ``table`` row) that freeze with it."""

    table: str
    frozen_columns: tuple[str, ...]
    message: str
    parts: tuple[tuple[str, str], ...] = ()


SIGNED_ROWS: dict[str, SignedRowRule] = {}


def signed_row(rule: SignedRowRule) -> None:
    """Register a record a signature freezes (call from the owning app's ready())."""
    SIGNED_ROWS[rule.table] = rule


def part_message(rule: SignedRowRule) -> str:
    return f"{rule.message}: its entries cannot be added, changed or removed"


def _signed(alias: str) -> str:
    return f"{alias}.status = 'signed'"


def _part_signed(rule: SignedRowRule, column: str, row: str) -> str:
    return f"EXISTS (SELECT 1 FROM {rule.table} p WHERE p.id = {row}.{column} AND {_signed('p')})"


def pg_statements(tables: set[str], function, trigger, raise_) -> list[str]:
    """The PostgreSQL triggers, built with ``audit.protection``'s own helpers."""
    out: list[str] = []
    for rule in SIGNED_ROWS.values():
        if rule.table not in tables:
            continue
        changed = " OR ".join(
            f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in (*rule.frozen_columns, "status")
        )
        name = f"ipt_{rule.table}_signed_row"
        out.append(
            function(
                name,
                f"""
    IF {_signed("OLD")} AND ({changed}) THEN {raise_(rule.message)} END IF;
    RETURN NEW;""",
            )
        )
        out += trigger(name, rule.table, "BEFORE UPDATE", name)
        for part, column in rule.parts:
            if part not in tables:
                continue
            name = f"ipt_{part}_signed_with_parent"
            out.append(
                function(
                    name,
                    f"""
    IF TG_OP <> 'INSERT' AND {_part_signed(rule, column, "OLD")} THEN
        {raise_(part_message(rule))}
    END IF;
    IF TG_OP <> 'DELETE' AND {_part_signed(rule, column, "NEW")} THEN
        {raise_(part_message(rule))}
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;""",
                )
            )
            out += trigger(name, part, "BEFORE INSERT OR UPDATE OR DELETE", name)
    return out


def sqlite_statements(tables: set[str], trigger, raise_) -> list[str]:
    """The SQLite triggers, built with ``audit.protection_sqlite``'s own helpers."""
    out: list[str] = []
    for rule in SIGNED_ROWS.values():
        if rule.table not in tables:
            continue
        changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in (*rule.frozen_columns, "status"))
        out += trigger(
            f"ipt_{rule.table}_signed_row",
            "BEFORE UPDATE",
            rule.table,
            raise_(rule.message, changed),
            condition=_signed("OLD"),
        )
        for part, column in rule.parts:
            if part not in tables:
                continue
            message = part_message(rule)
            new, old = _part_signed(rule, column, "NEW"), _part_signed(rule, column, "OLD")
            out += trigger(
                f"ipt_{part}_signed_with_parent_insert",
                "BEFORE INSERT",
                part,
                raise_(message, new),
            )
            out += trigger(
                f"ipt_{part}_signed_with_parent_update",
                "BEFORE UPDATE",
                part,
                raise_(message, f"{old} OR {new}"),
            )
            out += trigger(
                f"ipt_{part}_signed_with_parent_delete",
                "BEFORE DELETE",
                part,
                raise_(message, old),
            )
    return out
