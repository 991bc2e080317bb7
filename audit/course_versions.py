# ruff: noqa: S608 - DDL built from registered table and column names, never from input
"""A version number per course, bumped by the database on every write to the course or to
a record of it, so a value worked out from a course's records can tell it is out of date.

An app that keeps such a value registers its table (``versioned_by``: one row per course,
``course_id`` its key, a ``version`` column) and the tables whose writes bump it, each with
the SQL that finds the course of a row (``course_of``). The triggers fire on INSERT, UPDATE
and DELETE of each row, in the writing transaction, whoever writes: a service, a bulk
queryset ``update()``, a data migration or hand-written SQL. Installed with the other rules
(``audit.protection.install``), on PostgreSQL and SQLite alike.
"""

from collections.abc import Iterator
from dataclasses import dataclass

ROW = "{row}"  # where a source's SQL names the written row: NEW or OLD


@dataclass(frozen=True)
class Source:
    """``table``'s writes bump the version of the course ``course_of`` names (SQL with
    ``{row}`` for the written row, e.g. ``{row}.course_id``)."""

    table: str
    course_of: str
    # False for the course's own table: a deleted course has no version to bump.
    deletes: bool = True


_registered: dict[str, tuple[Source, ...]] = {}


def versioned_by(state_table: str, sources: list[Source]) -> None:
    """Register ``state_table`` and the tables whose writes make its rows stale (call from
    the owning app's ready())."""
    _registered[state_table] = tuple(s for s in sources if s.table != state_table)


def derived_tables() -> set[str]:
    """The registered tables: values worked out from other records, rebuilt when read, so
    never exported or restored (``audit.records``)."""
    return set(_registered)


def _course(source: Source, row: str) -> str:
    return source.course_of.replace(ROW, row)


def _upsert(state: str, course: str) -> str:
    return (
        f"INSERT INTO {state} (course_id, version) SELECT c, 1 FROM (SELECT {course} AS c) v "
        f"WHERE c IS NOT NULL ON CONFLICT (course_id) DO UPDATE SET version = {state}.version + 1;"
    )


def _installed(tables: set[str]) -> Iterator[tuple[str, Source]]:
    """(state table, source) of every registration whose two tables exist."""
    for state, sources in _registered.items():
        if state in tables:
            yield from ((state, source) for source in sources if source.table in tables)


def pg_statements(tables: set[str], function, trigger) -> list[str]:
    out: list[str] = []
    for state, source in _installed(tables):
        name = f"ipt_{source.table}_bumps_{state}"[:63]
        out.append(
            function(
                name,
                f"""
    IF TG_OP = 'UPDATE' OR (TG_OP = 'DELETE' AND {str(source.deletes).lower()}) THEN
        {_upsert(state, _course(source, "OLD"))}
    END IF;
    IF TG_OP <> 'DELETE' THEN {_upsert(state, _course(source, "NEW"))} END IF;
    RETURN NULL;""",
            )
        )
        out += trigger(name, source.table, "AFTER INSERT OR UPDATE OR DELETE", name)
    return out


def sqlite_statements(tables: set[str], trigger) -> list[str]:
    out: list[str] = []
    for state, source in _installed(tables):
        for when, rows in (
            ("AFTER INSERT", ("NEW",)),
            ("AFTER UPDATE", ("OLD", "NEW")),
            ("AFTER DELETE", ("OLD",)),
        ):
            if when == "AFTER DELETE" and not source.deletes:
                continue
            body = " ".join(_upsert(state, _course(source, row)) for row in rows)
            suffix = when.split()[1].lower()
            out += trigger(f"ipt_{source.table}_bumps_{state}_{suffix}", when, source.table, body)
    return out


def uninstall(connection, state_table: str) -> None:
    """Drop the triggers that bump ``state_table`` (a migration removing it, in reverse)."""
    pattern = f"ipt_%_bumps_{state_table}%"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Names longer than PostgreSQL's 63 characters were cut: found by what they write.
            cursor.execute(
                "SELECT t.tgname, t.tgrelid::regclass::text, p.proname FROM pg_trigger t "
                "JOIN pg_proc p ON p.oid = t.tgfoid WHERE p.prosrc LIKE %s",
                [f"%INSERT INTO {state_table} %"],
            )
            for name, table, function in cursor.fetchall():
                cursor.execute(f'DROP TRIGGER IF EXISTS "{name}" ON {table}')
                cursor.execute(f'DROP FUNCTION IF EXISTS "{function}"()')
        elif connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
                [pattern],
            )
            for (name,) in cursor.fetchall():
                cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')
