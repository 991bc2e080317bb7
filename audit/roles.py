# ruff: noqa: S608 - GRANT statements built from quoted identifiers the database itself listed
"""Two PostgreSQL roles: the owner, which migrates, and the runtime role, which runs the app.

``DATABASE_URL`` names the runtime role and ``MIGRATE_DATABASE_URL`` the owner (same database).
The owner creates and alters every table, and so is the only role that could drop or disable
the protecting triggers (``audit.protection``); it never serves a request. The runtime role
owns nothing and holds only these privileges, granted afresh by every ``migrate`` (and by
``manage.py grant_runtime_role``):

- SELECT and INSERT on append-only tables (``APPEND_ONLY``);
- SELECT, INSERT and UPDATE on clinical tables (nothing clinical is ever deleted);
- SELECT on ``django_migrations``;
- SELECT, INSERT, UPDATE and DELETE on the rest (sign-in sessions, lockout counters,
  second-factor devices, many-to-many links, ...);
- USAGE, SELECT and UPDATE on sequences, USAGE on the schema: never TRUNCATE, REFERENCES,
  TRIGGER or CREATE.

``ALTER DEFAULT PRIVILEGES`` gives a table created later by the owner SELECT, INSERT and UPDATE
until the next grant sets its exact privileges.
"""

from contextlib import contextmanager

from django.apps import apps
from django.conf import settings
from django.db import connections

from audit.protection import APPEND_ONLY, NO_DELETE

READ_ONLY = {"django_migrations"}
CLINICAL_APPS = {"cases", "session_logs", "inventory", "measures", "supervision", "audit"}
_CREDENTIALS = ("USER", "PASSWORD", "HOST", "PORT", "OPTIONS")


class RoleError(Exception):
    pass


def owner_settings() -> dict | None:
    """The owner's connection settings, when it differs from the runtime role."""
    owner = getattr(settings, "DATABASE_OWNER", None)
    if not owner or owner["USER"] == runtime_user():
        return None
    return owner


def runtime_user() -> str:
    # Read from settings once at start-up: the connection's own USER changes under as_owner.
    return getattr(settings, "DATABASE_RUNTIME_USER", "") or settings.DATABASES["default"]["USER"]


def runtime_role() -> str | None:
    """The role the app runs as, when a separate owner migrates."""
    if owner_settings() is None:
        return None
    return runtime_user()


def swap_credentials(connection, values: dict) -> dict:
    """Reconnect with other credentials (closes the connection); returns the old ones."""
    saved = {key: connection.settings_dict.get(key) for key in _CREDENTIALS}
    connection.close()
    if connection.vendor == "postgresql" and connection.settings_dict["OPTIONS"].get("pool"):
        # A pool keeps the connections it opened with the old role: start a new one.
        connection.close_pool()
    connection.settings_dict.update({key: values[key] for key in _CREDENTIALS})
    return saved


@contextmanager
def as_owner(alias: str = "default"):
    """Run the block connected as the owner (no change when there is no separate owner)."""
    owner = owner_settings()
    connection = connections[alias]
    if owner is None or connection.settings_dict.get("USER") == owner["USER"]:
        yield connection
        return
    saved = swap_credentials(connection, owner)
    try:
        yield connection
    finally:
        swap_credentials(connection, saved)


def privileges_for(table: str, clinical: set[str], deletable: set[str]) -> str:
    if table in APPEND_ONLY:
        return "SELECT, INSERT"
    if table in READ_ONLY:
        return "SELECT"
    if (table in clinical or table in NO_DELETE) and table not in deletable:
        return "SELECT, INSERT, UPDATE"
    return "SELECT, INSERT, UPDATE, DELETE"


def _clinical_tables() -> tuple[set[str], set[str]]:
    """(clinical tables, many-to-many link tables that ``.set()`` rewrites by deleting).

    An explicit ``through`` model is a link table when it says so (``LINK_TABLE = True``), e.g.
    one that carries its session so a signed note freezes it."""
    clinical, links = set(), set()
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label not in CLINICAL_APPS:
            continue
        is_link = model._meta.auto_created or getattr(model, "LINK_TABLE", False)
        (links if is_link else clinical).add(model._meta.db_table)
    return clinical, links


def grant(connection, role: str) -> list[str]:
    """Give ``role`` exactly its privileges on every table; refuse if it owns anything."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND pg_get_userbyid(c.relowner) = %s",
            [role],
        )
        owned = [name for (name,) in cursor.fetchall()]
        if owned:
            raise RoleError(
                f"The runtime role {role} owns {', '.join(sorted(owned)[:5])}: it must own "
                f"nothing. As a superuser run: REASSIGN OWNED BY {role} TO <owner role>;"
            )
        cursor.execute("SELECT current_user")
        owner = cursor.fetchone()[0]
    clinical, links = _clinical_tables()
    tables = connection.introspection.table_names()
    role_q, owner_q = quote(role), quote(owner)
    sql = [
        f"REVOKE ALL ON SCHEMA public FROM {role_q}",
        f"GRANT USAGE ON SCHEMA public TO {role_q}",
    ]
    for table in tables:
        sql.append(f"REVOKE ALL ON TABLE {quote(table)} FROM {role_q}")
        sql.append(
            f"GRANT {privileges_for(table, clinical, links)} ON TABLE {quote(table)} TO {role_q}"
        )
    sql += [
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {role_q}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner_q} IN SCHEMA public "
        f"GRANT SELECT, INSERT, UPDATE ON TABLES TO {role_q}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner_q} IN SCHEMA public "
        f"GRANT USAGE, SELECT ON SEQUENCES TO {role_q}",
    ]
    with connection.cursor() as cursor:
        for statement in sql:
            cursor.execute(statement)
    return sql


def apply(alias: str = "default") -> str:
    """Install the protecting triggers, then grant the runtime role (as the owner). Returns
    a one-line summary for the command that called it."""
    from audit import protection

    with as_owner(alias) as connection:
        count = protection.install(connection)
        role = runtime_role()
        if connection.vendor != "postgresql":
            return f"{count} protecting triggers installed ({connection.vendor})."
        if role is None:
            return (
                f"{count} protecting triggers installed. No separate runtime role "
                "(MIGRATE_DATABASE_URL unset): the app's role owns the tables."
            )
        grant(connection, role)
        return f"{count} protecting triggers installed; privileges granted to {role}."
