"""The service figures' counting queries, built by Django once per process per shape.

The figures are counted by the database in two ``values()`` queries (``service_stats``) whose
expressions (the phase rule, a dozen filtered counts) take Django several times longer to
build and compile than PostgreSQL takes to run them. As ``cases.prepared_queries`` does for
record lookups, a ``PreparedCounts`` builds its queryset once per *shape* (the database, the
viewer's role, the time zone) with marker values in place of the request's own (the viewer's
id, the period's dates), finds where each marker went in the parameters, and from then on runs
the same SQL with the request's values there, turning each row into the dict ``values()``
would give (converters applied, as Django's ``ValuesIterable`` does).

``build(user, **dates)`` must make the same SQL for every value of the same shape: the dates
may only be compared against. tests/supervision/test_prepared_counts.py compares the SQL and
parameters with Django's own, and the rows, for every role and several periods.
"""

import copy
import datetime
import threading
from collections.abc import Callable

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet
from django.utils import timezone

from cases.prepared_queries import bind, marker_slots

# Values no real row or period has: each marks where one request value goes in the parameters.
_USER_MARKER = -7_431_000_017
_DATE_MARKERS = [datetime.date(1901, 2, 3) + datetime.timedelta(days=i) for i in range(8)]


class _Prepared:
    def __init__(self, queryset: QuerySet, markers: dict, connection):
        query = queryset.query
        compiler = query.get_compiler(using=queryset.db)
        sql, params = compiler.as_sql()
        self.sql, self.params = sql, list(params)
        self.slots = marker_slots(self.params, markers, connection)
        if query.selected:
            self.names = list(query.selected)
        else:
            self.names = [*query.extra_select, *query.values_select, *query.annotation_select]
        self.compiler = compiler
        self.converters = compiler.get_converters(
            [s[0] for s in compiler.select[0 : compiler.col_count]]
        )

    def bind(self, connection, values: dict) -> list:
        return bind(self.params, self.slots, connection, values)

    def rows(self, connection, values: dict) -> list[dict]:
        with connection.cursor() as cursor:
            cursor.execute(self.sql, self.bind(connection, values))
            rows = cursor.fetchall()
        if self.converters:
            rows = self.compiler.apply_converters(rows, self.converters)
        names = self.names
        return [dict(zip(names, row, strict=True)) for row in rows]


class PreparedCounts:
    """``build(user=..., **dates)`` (a ``values()`` queryset) made into SQL once per shape."""

    def __init__(self, build: Callable[..., QuerySet]):
        self._build = build
        self._local = threading.local()

    def _prepared(self, user, names: tuple[str, ...]) -> _Prepared:
        connection = connections[DEFAULT_DB_ALIAS]
        role = (
            getattr(user, "is_authenticated", False),
            getattr(user, "is_active", False),
            getattr(user, "role", None),
        )
        key = (connection.vendor, role, timezone.get_current_timezone_name(), names)
        cache = self._local.__dict__.setdefault("prepared", {})
        prepared = cache.get(key)
        if prepared is None:
            marker_user = copy.copy(user)
            marker_user.pk = _USER_MARKER
            markers = {"user": ("int", _USER_MARKER)}
            arguments = {"user": marker_user}
            for name, marker in zip(names, _DATE_MARKERS, strict=False):
                markers[name] = ("date", marker)
                arguments[name] = marker
            prepared = _Prepared(self._build(**arguments), markers, connection)
            cache[key] = prepared
        return prepared

    def sql_with_params(self, user, **dates) -> tuple[str, list]:
        """The SQL and parameters this would run (the tests compare them with Django's)."""
        prepared = self._prepared(user, tuple(sorted(dates)))
        return prepared.sql, prepared.bind(connections[DEFAULT_DB_ALIAS], {"user": user.pk} | dates)

    def rows(self, user, **dates) -> list[dict]:
        prepared = self._prepared(user, tuple(sorted(dates)))
        return prepared.rows(connections[DEFAULT_DB_ALIAS], {"user": user.pk} | dates)
