"""List queries with their SQL built once per process per *shape*, as
``cases.prepared_queries`` does for one record: the supervisor's dashboard builds querysets
(subqueries for progress, open risk, the stored flag state, the order) that Django builds and
compiles in several times what PostgreSQL takes to run them.

A shape here is the database, the viewer's role, the time zone and a ``key`` the caller gives
for what changes the SQL's structure (the filters chosen, the sort, today's date). The build is
called once per shape with marker values in place of the request's own (the viewer's id,
integers, times); from then on the same SQL runs with the request's values in the markers'
places. Pages run with ``LIMIT``/``OFFSET`` as parameters, so every page of a shape shares its
SQL; an aggregate (``kind="aggregate"``) runs its one row the same way.

Safety: every marker but a time must be found in the parameters, and no date-time may be
among them but the markers (a time worked out inside a build, say ``timezone.now()``, would be
frozen into the SQL): either raises when the shape is built.
tests/supervision/test_prepared_dashboard.py compares the SQL and parameters with Django's own.
"""

import copy
import datetime
import threading
from collections import OrderedDict
from collections.abc import Callable

from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from cases.prepared_queries import (
    INT_MARKER,
    TIME_MARKER,
    CompiledQuery,
    adapt,
    bind,
    fetch,
    marker_slots,
)

SHAPES_KEPT = 64  # per process and thread, the least recently used dropped beyond


class _Captured(Exception):  # noqa: N818 - not an error: carries the SQL out of Django
    def __init__(self, sql, params):
        super().__init__()
        self.sql, self.params = sql, list(params)


def _slots(params: list, markers: dict, connection) -> list:
    slots = marker_slots(params, markers, connection)
    # A time may go unused (a count leaves out the columns that read it); any other value not.
    found = {name for _, name, _ in slots}
    missing = {name for name, (kind, _) in markers.items() if kind != "time"} - found
    if missing:
        raise ValueError(f"The query does not compare {sorted(missing)}: not preparable.")
    marker_values = {adapt(connection, kind, marker) for kind, marker in markers.values()}
    frozen = [p for p in params if isinstance(p, datetime.datetime) and p not in marker_values]
    if frozen:
        raise ValueError(f"A time the request does not give is in the query: {frozen}.")
    return slots


class _Rows(CompiledQuery):
    """A queryset's SQL (its rows made into models), paged: with ``LIMIT %s OFFSET %s`` added."""

    def __init__(self, queryset, markers: dict, connection, *, paged: bool, planned_once: bool):
        if paged and queryset.query.is_sliced:
            raise ValueError("Build the query unsliced: the page is a parameter.")
        super().__init__(queryset, markers, connection, planned_once)
        self.slots = _slots(self.params, markers, connection)
        self.paged = paged
        self.base_sql = self.sql
        if paged:
            self.sql += " LIMIT %s OFFSET %s"

    def bind(self, connection, values: dict) -> list:
        params = super().bind(connection, values)
        return [*params, values["_limit"], values["_offset"]] if self.paged else params


class _Aggregate:
    """The one row of ``run()`` (an ``aggregate``), its SQL caught as Django sends it."""

    def __init__(self, run: Callable[[], dict], markers: dict, connection, planned_once: bool):
        self.planned_once = planned_once

        def catch(execute, sql, params, many, context):
            raise _Captured(sql, params)

        try:
            with connection.execute_wrapper(catch):
                run()
        except _Captured as caught:
            self.sql, self.params = caught.sql, caught.params
            if connection.queries_logged and connection.queries_log:
                # Django's debug cursor logged it on the way out: it never reached the
                # database, so it is not a query (tests count queries from the log).
                connection.queries_log.pop()
        else:
            raise ValueError("The aggregate ran no query: not preparable.")
        self.slots = _slots(self.params, markers, connection)

    def bind(self, connection, values: dict) -> list:
        return bind(self.params, self.slots, connection, values)

    def row(self, connection, values: dict) -> tuple:
        return fetch(
            connection, self.sql, self.bind(connection, values), self.planned_once, one=True
        )


class Prepared:
    """``build(key..., user=, **values)``, made into SQL once per shape.

    ``key`` (a tuple, passed to ``build`` first) is what decides the SQL's structure; ``user``
    (optional) the viewer, whose role is in the shape and whose id is a value; other values
    are integers or aware date-times, only ever compared against."""

    def __init__(self, build: Callable, *, kind: str = "rows", planned_once: bool = False):
        """``kind``: "rows" (all of them), "page" (``page()``) or "aggregate" (``row()``:
        ``build`` gives back a function that runs the aggregate). ``planned_once``: run as a
        prepared statement of the connection on PostgreSQL, as ``PreparedQuery`` does."""
        self._build = build
        self._kind = kind
        self._planned_once = planned_once
        self._local = threading.local()

    def _prepared(self, key: tuple, user, values: dict):
        alias = DEFAULT_DB_ALIAS
        connection = connections[alias]
        role = None if user is None else (user.is_authenticated, user.is_active, user.role)
        kinds = tuple(
            sorted(
                (n, "time" if isinstance(v, datetime.datetime) else "int")
                for n, v in values.items()
            )
        )
        shape = (alias, connection.vendor, role, timezone.get_current_timezone_name(), key, kinds)
        cache = self._local.__dict__.setdefault("prepared", OrderedDict())
        prepared = cache.get(shape)
        if prepared is not None:
            cache.move_to_end(shape)
            return prepared
        markers, arguments = {}, {}
        for offset, (name, kind) in enumerate(kinds):
            if kind == "time":
                marker = TIME_MARKER + datetime.timedelta(days=offset)
            else:
                marker = INT_MARKER - offset
            markers[name] = (kind, marker)
            arguments[name] = marker
        if user is not None:
            marker_user = copy.copy(user)
            marker_user.pk = INT_MARKER - len(kinds)
            markers["user"] = ("int", marker_user.pk)
            arguments["user"] = marker_user
        built = self._build(*key, **arguments)
        if self._kind == "aggregate":
            prepared = _Aggregate(built, markers, connection, self._planned_once)
        else:
            paged = self._kind == "page"
            prepared = _Rows(
                built, markers, connection, paged=paged, planned_once=self._planned_once
            )
        cache[shape] = prepared
        if len(cache) > SHAPES_KEPT:
            cache.popitem(last=False)
        return prepared

    @staticmethod
    def _values(user, values: dict) -> dict:
        return values if user is None else {**values, "user": user.pk}

    def sql_with_params(self, key: tuple = (), *, user=None, **values) -> tuple[str, list]:
        """The SQL and parameters this runs (without the page's limit and offset)."""
        prepared = self._prepared(key, user, values)
        params = prepared.bind(connections[DEFAULT_DB_ALIAS], self._values(user, values) | {
            "_limit": 0, "_offset": 0})  # fmt: skip
        return getattr(prepared, "base_sql", prepared.sql), params[: len(prepared.params)]

    def rows(self, key: tuple = (), *, user=None, **values) -> list:
        """The model rows of the build's queryset."""
        prepared = self._prepared(key, user, values)
        return prepared.rows(connections[DEFAULT_DB_ALIAS], self._values(user, values))

    def page(self, key: tuple = (), *, offset: int, limit: int, user=None, **values) -> list:
        """The model rows ``offset`` to ``offset + limit`` of the build's queryset."""
        prepared = self._prepared(key, user, values)
        bound = self._values(user, values) | {"_limit": limit, "_offset": offset}
        return prepared.rows(connections[DEFAULT_DB_ALIAS], bound)

    def row(self, key: tuple = (), *, user=None, **values) -> tuple:
        """The aggregate's one row, its values in the order the build named them."""
        prepared = self._prepared(key, user, values)
        return prepared.row(connections[DEFAULT_DB_ALIAS], self._values(user, values))
