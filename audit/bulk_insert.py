"""Many chained audit rows into the table in one statement (PostgreSQL; ``audit.chain.append``
stamps them first and SQLite takes ``bulk_create``)."""

import datetime
import json
import operator
from collections.abc import Callable

from django.db import models

# Per database alias: the many-row INSERT's SQL and a reader of each row's values (built once).
_ROWS_SQL: dict[str, tuple[str, Callable]] = {}


def insert_rows(connection, model, events: list) -> None:
    """Insert chained rows in one statement that reads them from one JSON array (PostgreSQL).

    Built once, not compiled value by value on each call as ``bulk_create`` does, and one
    parameter, not an array per column: Django's cursor writes parameters into the SQL on
    the client, escaping each array element in Python, which cost more than the insert for a
    page listing 250 clients. Each row is a JSON array of its values in column order (no
    column names repeated row after row); times go as ISO text (microseconds kept) and details
    as the JSON the hash covers (``audit.chain._stamp``).
    """
    if connection.alias not in _ROWS_SQL:
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in fields)
        values = ", ".join(
            f"(row -> {i})::{_base_type(f, connection)}"  # a JSON value stays JSON
            if isinstance(f, models.JSONField)
            else f"(row ->> {i})::{_base_type(f, connection)}"
            for i, f in enumerate(fields)
        )
        # Table and column names from the model, never from input.
        sql = (
            f"INSERT INTO {quote(model._meta.db_table)} ({columns}) "  # noqa: S608
            f"SELECT {values} FROM jsonb_array_elements(%s::jsonb) AS row "
            f"RETURNING {quote(model._meta.pk.column)}"
        )
        _ROWS_SQL[connection.alias] = (sql, operator.attrgetter(*(f.attname for f in fields)))
    sql, row_values = _ROWS_SQL[connection.alias]
    # Rows written together share their time: each distinct one is written as text once.
    times: dict = {}

    def time_text(value):
        return times.get(value) or times.setdefault(value, _json_value(value))

    rows = json.dumps([row_values(event) for event in events], default=time_text)
    with connection.cursor() as cursor:
        cursor.execute(sql, [rows])
        ids = [row[0] for row in cursor.fetchall()]
    for event, pk in zip(events, ids, strict=True):
        event.pk = pk
        event._state.adding, event._state.db = False, connection.alias


def _base_type(field, connection) -> str:
    """The column's type without its length (``varchar``, not ``varchar(40)``): a cast to the
    length would cut a longer value silently, after its hash was taken; the INSERT refuses it."""
    return field.db_type(connection).split("(")[0]


def _json_value(value):
    # Times as ISO text with their microseconds (the only values JSON cannot write itself).
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    raise TypeError(f"An audit row's {type(value).__name__} value cannot be written as JSON.")
