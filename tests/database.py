"""Emptying the test database, which only its owner may do.

The runtime role the tests run as cannot TRUNCATE (PostgreSQL), and SQLite's protecting
triggers refuse the DELETEs its flush uses: the owner empties the tables on PostgreSQL; on
SQLite the triggers are dropped for the flush and put back (audit.protection).
"""

from contextlib import contextmanager

from django.db import connections

from audit import protection, roles


@contextmanager
def as_owner_with_rules_lifted(alias: str = "default"):
    connection = connections[alias]
    if connection.vendor == "sqlite":
        protection.uninstall_sqlite(connection)
        try:
            yield
        finally:
            protection.install(connection)
    else:
        with roles.as_owner(alias):
            yield


def flush(alias: str = "default") -> None:
    from django.core.management import call_command

    with as_owner_with_rules_lifted(alias):
        call_command("flush", interactive=False, verbosity=0, database=alias)


def audit_append_queries() -> int:
    """Queries one append to the audit chain costs beyond its INSERT (``audit.chain.append``):
    reading the last row (on PostgreSQL in the same round trip as taking the chain's lock)."""
    return 1
