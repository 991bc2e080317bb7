"""Record lookups whose SQL Django builds once per process, not on every request.

The record pages fetch their course (or session) in one query that carries the progress
subqueries, the panels' presence EXISTS (``cases.presence``) and the access rule. Django builds
and compiles that queryset afresh on every request, which costs several times what PostgreSQL
takes to run it. A ``PreparedQuery`` builds it once per *shape* (the database, the viewer's role
and the current time zone: what decides the SQL's text) with marker values in place of the
request's own (the viewer's id, the record's id, now), finds where each marker went in the
parameters, and from then on runs the same SQL with the request's values in those places,
turning the rows into model instances as Django's own iterator does (``select_related``
objects and annotations included).

``build(**values)`` must make the same SQL for every value of the same shape: the values may
only be compared against (ids, times), never decide which filters are added. A value that
changes the SQL's structure belongs in the shape. tests/cases/test_prepared_queries.py compares
the SQL and parameters with Django's own for every role.

A query built with ``planned_once=True`` runs, on PostgreSQL, as a prepared statement of the
connection (``_server_bound_cursor``): PostgreSQL then parses and plans it once per connection
instead of on every request, which for the course page's lookup (two dozen subqueries) cost
three times what running it does.
"""

import copy
import datetime
import threading
from collections.abc import Callable
from weakref import ref as weak_ref

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model, QuerySet
from django.db.models.base import ModelState
from django.db.models.query import get_related_populators
from django.db.models.signals import post_init, pre_init
from django.utils import timezone

# Values no real row or clock has: each marks where one request value goes in the parameters.
INT_MARKER = -7_431_000_000
TIME_MARKER = datetime.datetime(1901, 2, 3, 4, 5, 6, tzinfo=datetime.UTC)
ID_RANGE = (-(2**63), 2**63 - 1)


def _server_bound_cursor(connection):
    """For a ``planned_once`` query: on PostgreSQL with prepared statements on
    (``DATABASE_PREPARED_STATEMENTS``: psycopg's ``prepare_threshold``), Django's cursor binding
    its parameters on the server, which psycopg prepares on the connection and from then on
    only executes; else None (Django's own cursor then). Bound on the server, the parameters are
    typed by PostgreSQL: only for SQL that means the same either way (no parameter in a
    GROUP BY, Django ticket #34255). On PostgreSQL the tests compare what each such query reads
    with Django's (tests/cases/test_prepared_queries.py, test_planned_once.py)."""
    if connection.vendor != "postgresql":
        return None
    if connection.settings_dict["OPTIONS"].get("prepare_threshold") is None:
        return None
    from django.db.backends.postgresql.base import ServerBindingCursor

    # As ``connection.cursor()`` makes its cursor, with the server-binding class.
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    with connection.wrap_database_errors:
        cursor = ServerBindingCursor(connection.connection)
    if connection.queries_logged:
        return connection.make_debug_cursor(cursor)
    return connection.make_cursor(cursor)


def fetch(connection, sql: str, params: list, planned_once: bool, *, one: bool = False):
    """Run ``sql``: its rows (``one``: its first row), through the connection's prepared
    statements when ``planned_once`` (``_server_bound_cursor``), else Django's own cursor."""
    server_bound = _server_bound_cursor(connection) if planned_once else None
    with server_bound if server_bound is not None else connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchone() if one else cursor.fetchall()
    if server_bound is not None and connection.queries_logged:
        # Logged with $1, $2...: logged with its values instead, as every other query is
        # (the benchmark and the profiling tools print the queries and EXPLAIN them).
        connection.queries_log[-1]["sql"] = connection.ops.compose_sql(sql, params)
    return rows


class CompiledQuery:
    """One shape's SQL and parameters, compiled once, with where each marker went
    (``marker_slots``); ``rows`` runs it with a request's values and builds model instances.
    ``cases.prepared_pages`` builds its list queries on it."""

    def __init__(self, queryset: QuerySet, markers: dict, connection, planned_once=False):
        self.planned_once = planned_once
        compiler = queryset.query.get_compiler(using=queryset.db)
        sql, params = compiler.as_sql()
        self.sql = sql
        self.params = list(params)
        self.slots = marker_slots(self.params, markers, connection)
        self.compiler = compiler
        self.db = queryset.db
        self.fetch_mode = queryset._fetch_mode
        klass_info = compiler.klass_info
        self.model = klass_info["model"]
        fields = klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.init_list = [f[0].target.attname for f in compiler.select[self.start : self.end]]
        self.annotations = dict(compiler.annotation_col_map)
        self.converters = compiler.get_converters(
            [s[0] for s in compiler.select[0 : compiler.col_count]]
        )

    def bind(self, connection, values: dict) -> list:
        return bind(self.params, self.slots, connection, values)

    def rows(self, connection, values: dict) -> list:
        rows = fetch(connection, self.sql, self.bind(connection, values), self.planned_once)
        if self.converters:
            rows = list(self.compiler.apply_converters(rows, self.converters))
        # As Django's ModelIterable does, in the same order.
        fetch_mode = self.fetch_mode
        populators = get_related_populators(
            self.compiler.klass_info, self.compiler.select, self.db, fetch_mode
        )
        build = _instance_builder(self.model, self.db, self.init_list, fetch_mode)
        start, end = self.start, self.end
        objects, peers = [], []
        for row in rows:
            obj = build(row[start:end])
            if fetch_mode.track_peers:
                peers.append(weak_ref(obj))
                obj._state.peers = peers
            for populator in populators:
                populator.populate(row, obj)
            for name, position in self.annotations.items():
                setattr(obj, name, row[position])
            objects.append(obj)
        return objects


def _instance_builder(model, db, field_names: list, fetch_mode) -> Callable:
    """``model.from_db(db, field_names, values, fetch_mode=...)`` as a function of the values.

    For a model that keeps Django's own ``__init__`` and ``from_db`` and has no init signal
    receivers, the instance is made as they would leave it (a loaded state, each selected
    column set) without running them: their per-field loop cost more than the rest of reading
    a row, which a list of hundreds of courses pays once per row. Any other model gets
    ``from_db`` itself. tests/cases/test_prepared_queries.py compares the instances with
    Django's."""
    if (
        model.__init__ is not Model.__init__
        or model.from_db.__func__ is not Model.from_db.__func__
        or pre_init.has_listeners(model)
        or post_init.has_listeners(model)
    ):
        return lambda values: model.from_db(db, field_names, values, fetch_mode=fetch_mode)
    names = tuple(field_names)
    new = model.__new__

    def build(values):
        obj = new(model)
        state = obj._state = ModelState()
        state.adding, state.db = False, db
        if fetch_mode is not None:
            state.fetch_mode = fetch_mode
        obj.__dict__.update(zip(names, values, strict=True))
        return obj

    return build


def adapt(connection, kind: str, value):
    if kind == "time":
        return connection.ops.adapt_datetimefield_value(value)
    if kind == "date":
        return connection.ops.adapt_datefield_value(value)
    return value


def marker_slots(params: list, markers: dict, connection) -> list[tuple[int, str, str]]:
    """Where each marker (``name: (kind, marker value)``) went in the parameters, as
    ``(position, name, kind)``; shared by every prepared kind of query (rows, pages, counts)."""
    adapted = {name: adapt(connection, kind, marker) for name, (kind, marker) in markers.items()}
    slots = []
    for position, param in enumerate(params):
        for name, value in adapted.items():
            if type(param) is type(value) and param == value:
                slots.append((position, name, markers[name][0]))
    return slots


def bind(params: list, slots: list, connection, values: dict) -> list:
    """The parameters with the request's values in the markers' places."""
    bound = list(params)
    for position, name, kind in slots:
        bound[position] = adapt(connection, kind, values[name])
    return bound


class PreparedQuery:
    """``build(user=..., now=..., **ids)`` made into SQL once per shape (see the module's doc).

    ``user`` (optional) is the viewer: the SQL's shape follows their role; only their id is a
    value. ``now`` (optional) is the current time. Other values are integers (record ids).
    """

    def __init__(self, build: Callable[..., QuerySet], *, planned_once: bool = False):
        self._build = build
        self._planned_once = planned_once
        self._local = threading.local()

    def _shape(self, user, alias: str) -> tuple:
        connection = connections[alias]
        role = None
        if user is not None:
            role = (
                getattr(user, "is_authenticated", False),
                getattr(user, "is_active", False),
                getattr(user, "role", None),
            )
        return (alias, connection.vendor, role, timezone.get_current_timezone_name())

    def _prepared(self, user, alias: str, names: list[str], with_now: bool) -> CompiledQuery:
        cache = self._local.__dict__.setdefault("prepared", {})
        key = (self._shape(user, alias), tuple(names), with_now)
        prepared = cache.get(key)
        if prepared is None:
            markers, arguments = {}, {}
            for offset, name in enumerate(names):
                markers[name] = ("int", INT_MARKER - offset)
                arguments[name] = INT_MARKER - offset
            if user is not None:
                marker_user = copy.copy(user)
                marker_user.pk = INT_MARKER - len(names)
                markers["user"] = ("int", marker_user.pk)
                arguments["user"] = marker_user
            if with_now:
                markers["now"] = ("time", TIME_MARKER)
                arguments["now"] = TIME_MARKER
            prepared = CompiledQuery(
                self._build(**arguments), markers, connections[alias], self._planned_once
            )
            cache[key] = prepared
        return prepared

    def _values(self, user, now, ids: dict) -> dict:
        values = dict(ids)
        if user is not None:
            values["user"] = user.pk
        if now is not None:
            values["now"] = now
        return values

    def sql_with_params(self, *, user=None, now=None, **ids) -> tuple[str, list]:
        """The SQL and parameters this would run (the tests compare them with Django's)."""
        alias = DEFAULT_DB_ALIAS
        prepared = self._prepared(user, alias, sorted(ids), now is not None)
        return prepared.sql, prepared.bind(connections[alias], self._values(user, now, ids))

    def list(self, *, user=None, now=None, **ids) -> list:
        if any(not ID_RANGE[0] <= value <= ID_RANGE[1] for value in ids.values()):
            return []  # as Django's lookups answer an id no column can hold: nothing
        alias = DEFAULT_DB_ALIAS
        prepared = self._prepared(user, alias, sorted(ids), now is not None)
        return prepared.rows(connections[alias], self._values(user, now, ids))
