"""The audit trail's hash chain: every row carries a keyed hash of its content and of the row
before it, so a row deleted, inserted or edited directly in the database shows.

**``append(events)`` is the only way rows enter ``audit_auditevent``.** ``trail.record`` (one
row), ``AuditEvent.save`` of a new row and ``AuditEvent.objects.bulk_create`` (many rows: a
bulk ``record_many`` must build unsaved ``AuditEvent`` objects and call ``append`` with all of
them) all end here. Under a lock that serialises appends (PostgreSQL: a transaction-scoped
advisory lock; SQLite: the write lock every IMMEDIATE transaction takes at BEGIN), it reads the
last row's position and hash, stamps each event with the time, its position ``seq`` (1, 2, 3...
with no gaps), ``prev_hash`` and ``hash``, and inserts them all in one statement. The lock is
held until the surrounding transaction ends, so call it late in a transaction, after the
service's own row locks, as the services already do with ``trail.record``. A service that
reads a row of its own first may read the chain's head in that same query (``head_columns``,
``Head``) and pass it on: the row is then inserted by one statement that takes the lock
itself, and chained again under the lock if another append took its position meanwhile
(the note autosave does this).

The hash is HMAC-SHA256 over a canonical JSON list of the row's content and the previous hash.
Its key is ``settings.AUDIT_CHAIN_KEY`` (environment variable ``AUDIT_CHAIN_KEY``); when that is
unset it is derived from ``SECRET_KEY``, so rotating ``SECRET_KEY`` without setting
``AUDIT_CHAIN_KEY`` first makes every older row fail verification. The key lives with the app,
never in the database: someone with only database access can change rows but cannot forge
their hashes. ``audit.verification.verify`` (``manage.py verify_audit``) walks the chain and
names the first row that breaks it. Rows deleted from the very end leave no gap: compare the head it reports
(position and hash) with one recorded elsewhere earlier (``verify_audit --head``).
"""

import datetime
import hashlib
import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass
from json.encoder import encode_basestring

from django.conf import settings
from django.db import connections, models, router, transaction
from django.utils import timezone

from audit.bulk_insert import insert_rows

GENESIS = "0" * 64
# Any fixed 64-bit number: the advisory lock that serialises appends on PostgreSQL.
ADVISORY_LOCK_ID = 0x1A7D_C4A1_C4A1


def chain_key() -> bytes:
    """The HMAC key: AUDIT_CHAIN_KEY, or one derived from SECRET_KEY when that is unset."""
    explicit = getattr(settings, "AUDIT_CHAIN_KEY", "")
    if explicit:
        return explicit.encode()
    return hmac.new(
        settings.SECRET_KEY.encode(), b"ipt-course audit chain v1", hashlib.sha256
    ).digest()


def _utc(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _json(value) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content(
    *,
    seq: int,
    at: datetime.datetime,
    actor_id: int | None,
    action: str,
    object_type: str,
    object_id: str,
    client_id: int | None,
    ip: str | None,
    request_id: str,
    detail,
) -> list:
    """What the hash covers, as plain values (the data migration passes historical rows)."""
    return _content(
        seq,
        _utc(at),
        actor_id,
        action,
        object_type,
        object_id,
        client_id,
        ip,
        request_id,
        _json(detail),
    )


def _content(
    seq, at_text, actor_id, action, object_type, object_id, client_id, ip, request_id, detail_json
) -> list:
    """``content`` with the time and the detail already written as text."""
    return [
        seq,
        at_text,
        actor_id,
        action,
        object_type,
        object_id,
        client_id,
        ip or None,
        request_id,
        detail_json,
    ]


def link_hash(key: bytes, prev_hash: str, values: list) -> str:
    return _hmac(key, _json([prev_hash, values]))


def _hmac(key: bytes, message: str) -> str:
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()


# JSON text of one value, as ``_json`` writes it inside a list (no dict reaches it here).
_value_json = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode


def event_content(event) -> list:
    return content(
        seq=event.seq,
        at=event.at,
        actor_id=event.actor_id,
        action=event.action,
        object_type=event.object_type,
        object_id=event.object_id,
        client_id=event.client_id,
        ip=event.ip,
        request_id=event.request_id,
        detail=event.detail,
    )


def _lock_and_head(connection, model) -> tuple[datetime.datetime, tuple | None]:
    """Take the appends' lock, then read the chain's last row (position, hash, time).

    PostgreSQL: one round trip of two statements when the cursor binds on the client (Django's
    default): in READ COMMITTED each statement of a multi-statement query takes its own
    snapshot, so the head is read after the lock is granted and sees every row committed
    before it, exactly as with two separate queries.
    """
    last = model.objects.using(connection.alias).order_by("-seq").values_list("seq", "hash", "at")
    if connection.vendor != "postgresql":
        # SQLite: IMMEDIATE transactions (see ipt_site.environment) hold the write lock from
        # BEGIN.
        return timezone.now(), last.first()
    if connection.settings_dict.get("OPTIONS", {}).get("server_side_binding") is True:
        with connection.cursor() as cursor:
            cursor.execute(_LOCK_SQL, [ADVISORY_LOCK_ID])
            now = cursor.fetchone()[1]
        return now, last.first()
    with connection.cursor() as cursor:
        cursor.execute(_LOCK_AND_HEAD_SQL, [ADVISORY_LOCK_ID])
        now = cursor.fetchone()[1]
        cursor.nextset()
        row = cursor.fetchone()
    if row is None:
        return now, None
    seq, hash_, at = row
    if at is not None and timezone.is_naive(at):
        at = timezone.make_aware(at, datetime.UTC)
    return now, (seq, hash_, at)


_LOCK_SQL = "SELECT pg_advisory_xact_lock(%s), clock_timestamp()"
_LOCK_AND_HEAD_SQL = (
    "SELECT pg_advisory_xact_lock(%s), clock_timestamp(); "
    'SELECT seq, hash, at FROM "audit_auditevent" ORDER BY seq DESC LIMIT 1'
)


@dataclass(frozen=True)
class Head:
    """The chain's last row as read earlier in the caller's transaction, with the clock then.

    A service that reads its own rows first can read this in the same query (``head_columns``
    as annotations, then ``Head.of``) and hand it to ``append``, which then needs no query of
    its own to find where the chain ends (see ``append``).
    """

    seq: int
    hash: str
    at: datetime.datetime | None
    now: datetime.datetime

    @classmethod
    def of(cls, row) -> "Head":
        seq = getattr(row, "audit_head_seq", None)
        now = getattr(row, "audit_head_now", None) or timezone.now()
        if seq is None:
            return cls(0, GENESIS, None, now)
        return cls(seq, row.audit_head_hash, row.audit_head_at, now)


def head_columns(connection) -> dict:
    """Annotations that read the chain's head (and the database clock) within another query.

    Plain SQL, not ``Subquery``: three compiled subqueries cost more time in Python than the
    round trip they save.
    """
    from audit.models import AuditEvent

    quote = connection.ops.quote_name
    last = f"FROM {quote(AuditEvent._meta.db_table)} ORDER BY {quote('seq')} DESC LIMIT 1"
    fields = {name: AuditEvent._meta.get_field(name) for name in ("seq", "hash", "at")}
    columns = {
        f"audit_head_{name}": models.expressions.RawSQL(  # noqa: S611 - names from the model
            f"SELECT {quote(field.column)} {last}", (), output_field=field
        )
        for name, field in fields.items()
    }
    if connection.vendor == "postgresql":
        columns["audit_head_now"] = models.expressions.RawSQL(
            "clock_timestamp()", (), output_field=models.DateTimeField()
        )
    return columns


def _stamp(events: list, key: bytes, now, last) -> None:
    """Give each event its place in the chain: ``seq``, ``at``, ``prev_hash`` and ``hash``.

    The hashed text is ``link_hash``'s, ``_json([prev_hash, content])``, written out here value
    by value: rows written together share their time and detail, which are encoded once, not
    once per row (a CSV export chains hundreds of rows). tests/audit/test_chain.py checks the
    text against ``_json`` for every kind of value.
    """
    seq, prev, last_at = last if last else (0, GENESIS, None)
    # Never earlier than the row before: the database refuses back-dated rows.
    at = max(now, last_at) if last_at else now
    at_json = _value_json(_utc(at))
    details: dict[int, tuple] = {}  # by the detail object: record_many hands all rows one
    for event in events:
        detail = event.detail
        if id(detail) not in details:
            # A JSON round trip, so the hash covers exactly what will be read back.
            read_back = json.loads(json.dumps(detail or {}))
            details[id(detail)] = (detail, read_back, _value_json(_json(read_back)))
        event.detail, detail_json = details[id(detail)][1:]
        event.ip = event.ip or None
        seq += 1
        event.seq, event.at, event.prev_hash = seq, at, prev
        message = (
            f"[{_value_json(prev)},[{seq},{at_json},{_scalar_json(event.actor_id)},"
            f"{_scalar_json(event.action)},{_scalar_json(event.object_type)},"
            f"{_scalar_json(event.object_id)},{_scalar_json(event.client_id)},"
            f"{_scalar_json(event.ip)},{_scalar_json(event.request_id)},{detail_json}]]"
        )
        event.hash = prev = _hmac(key, message)


def _scalar_json(value) -> str:
    """``_value_json`` for the values a row's columns hold, without the encoder's overhead."""
    if value is None:
        return "null"
    if type(value) is str:
        return encode_basestring(value)
    if type(value) is int:
        return str(value)
    return _value_json(value)


def append(events: Iterable, *, head: Head | None = None) -> list:
    """Chain and insert audit rows (one or many), in the caller's transaction.

    ``events`` are unsaved ``AuditEvent`` objects; their ``seq``, ``at``, ``prev_hash`` and
    ``hash`` are set here and they come back saved, in the order given.

    ``head``: where the chain ended when the caller read it, earlier in this transaction
    (``Head.of``). One row is then chained to it and inserted in a single statement that first
    takes the appends' lock (``_insert_after_head``). If another row took that position in the
    meantime, nothing is inserted and the row is chained again the usual way, under the lock.
    """
    from audit.models import AuditEvent

    events = list(events)
    if not events:
        return events
    using = router.db_for_write(AuditEvent)
    connection = connections[using]
    key = chain_key()
    if head is None and len(events) == 1 and _outside_transaction(connection):
        # Not in a transaction (a page recording its read): the head is read without the lock
        # and the row inserted by one statement that takes it, as with a caller's head; two
        # round trips instead of BEGIN, lock and head, INSERT, COMMIT.
        head = _read_head(connection)
        _stamp(events, key, head.now, (head.seq, head.hash, head.at) if head.seq else None)
        if _insert_after_head(connection, AuditEvent, events[0]):
            return events
        head = None
    # No savepoint of its own: a failed append fails the caller's transaction, as it should.
    with transaction.atomic(using=using, savepoint=False):
        if head is not None and len(events) == 1:
            _stamp(events, key, head.now, (head.seq, head.hash, head.at) if head.seq else None)
            if _insert_after_head(connection, AuditEvent, events[0]):
                return events
        now, last = _lock_and_head(connection, AuditEvent)
        _stamp(events, key, now, last)
        if connection.vendor == "postgresql":
            insert_rows(connection, AuditEvent, events)
        else:
            models.QuerySet(AuditEvent, using=using).bulk_create(events)
    return events


def _outside_transaction(connection) -> bool:
    return (
        connection.vendor == "postgresql"
        and not connection.in_atomic_block
        and connection.get_autocommit()
    )


def _read_head(connection) -> Head:
    """The chain's last row and the database clock, in one query and without the lock."""
    from audit.models import AuditEvent

    quote = connection.ops.quote_name
    # Table name from the model, never from input.
    sql = (
        "SELECT last.seq, last.hash, last.at, clock_timestamp() FROM (SELECT 1) AS one "  # noqa: S608
        f"LEFT JOIN LATERAL (SELECT {quote('seq')}, {quote('hash')}, {quote('at')} "
        f"FROM {quote(AuditEvent._meta.db_table)} ORDER BY {quote('seq')} DESC LIMIT 1) "
        "AS last ON true"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        seq, hash_, at, now = cursor.fetchone()
    if seq is None:
        return Head(0, GENESIS, None, now)
    return Head(seq, hash_, at, now)


def _insert_after_head(connection, model, event) -> bool:
    """Insert one chained row unless its position is taken by now; True if it was inserted.

    SQLite: the caller's IMMEDIATE transaction has held the write lock since BEGIN, so the
    head it read is still the head. PostgreSQL: the statement takes the appends' lock before
    its row is inserted, so an append in progress finishes (commits) first; if that append took
    the position, the chain trigger lets the row through to the unique index on ``seq`` and
    ``ON CONFLICT`` skips it. A row is therefore only ever inserted right after the row whose
    hash it carries, as with the locked read.
    """
    if connection.vendor != "postgresql":
        models.QuerySet(model, using=connection.alias).bulk_create([event])
        return True
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    values = ", ".join(f"%s::{f.db_type(connection)}" for f in fields)
    params = [f.get_db_prep_save(getattr(event, f.attname), connection) for f in fields]
    # Table and column names from the model, never from input.
    sql = (
        f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) "  # noqa: S608
        f"SELECT {values} FROM pg_advisory_xact_lock(%s) "
        'ON CONFLICT ("seq") DO NOTHING RETURNING "id"'
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, ADVISORY_LOCK_ID])
        row = cursor.fetchone()
    if row is None:
        return False
    event.pk = row[0]
    event._state.adding, event._state.db = False, connection.alias
    return True
