"""The audit trail is hash-chained: a row deleted, inserted or edited behind the app's back shows.

The tampering tests write straight to the database the way someone bypassing the rules would:
on PostgreSQL as the tables' owner with the audit triggers disabled, on SQLite with the
triggers dropped. Then ``verify_audit`` must name the first broken row and exit non-zero.
"""

import io
import threading
from contextlib import contextmanager

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction

from audit import chain, protection, roles, verification
from audit.models import AuditEvent
from audit.trail import record

pytestmark = pytest.mark.django_db


def verify_audit(*args) -> str:
    out = io.StringIO()
    call_command("verify_audit", *args, stdout=out)
    return out.getvalue()


def test_every_row_links_to_the_one_before(therapist, course):
    record(therapist, "view", course, client=course.client)
    record(therapist, "course.update", course, client=course.client, detail={"n": 1, "é": [1]})
    rows = list(AuditEvent.objects.order_by("seq"))
    assert [r.seq for r in rows] == list(range(1, len(rows) + 1))
    assert rows[0].prev_hash == chain.GENESIS
    assert all(b.prev_hash == a.hash for a, b in zip(rows, rows[1:], strict=False))
    assert "intact" in verify_audit()


def test_many_rows_at_once_are_chained_in_one_insert(therapist, django_assert_max_num_queries):
    record(therapist, "view")
    events = [AuditEvent(actor=therapist, action="view", detail={"i": i}) for i in range(30)]
    with django_assert_max_num_queries(3):  # lock (PostgreSQL), last row, one insert
        chain.append(events)
    assert [e.seq for e in events] == list(range(2, 32))
    assert verification.verify().first_break is None
    # Each object has its own row's id, and the row holds what it was given.
    stored = AuditEvent.objects.in_bulk([e.pk for e in events])
    assert [(stored[e.pk].seq, stored[e.pk].detail) for e in events] == [
        (i + 2, {"i": i}) for i in range(30)
    ]
    odd = AuditEvent(action="view", detail={"name": "Zoë “quoted”", "nested": {"b": [1, 2.5]}})
    chain.append([odd, AuditEvent(action="view", client_id=None, ip="10.0.0.2")])
    assert AuditEvent.objects.get(pk=odd.pk).detail == {
        "name": "Zoë “quoted”",
        "nested": {"b": [1, 2.5]},
    }
    assert verification.verify().first_break is None
    AuditEvent.objects.bulk_create(
        [AuditEvent(action="view", ip="2001:db8::1"), AuditEvent(action="view", ip="10.0.0.1")]
    )
    assert verification.verify().rows == 35
    # And the plain ORM path: create() and save() of a new row go through append too.
    AuditEvent.objects.create(action="view")
    AuditEvent(action="view", detail={"k": (1, 2)}).save()
    result = verification.verify()
    assert (result.rows, result.first_break) == (37, None)


def test_the_hash_depends_on_the_key(therapist, settings):
    record(therapist, "view")
    settings.AUDIT_CHAIN_KEY = "another key"
    assert verification.verify().first_break is not None
    settings.AUDIT_CHAIN_KEY = ""
    assert verification.verify().first_break is None  # derived from SECRET_KEY


@contextmanager
def rules_bypassed():
    """Write as someone who got past every rule: the owner with the triggers off (PostgreSQL),
    or with SQLite's triggers dropped."""
    if connection.vendor == "sqlite":
        protection.uninstall_sqlite(connection)
        try:
            with connection.cursor() as cursor:
                yield cursor
        finally:
            protection.install(connection)
        return
    with roles.as_owner(), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER USER")
        yield cursor
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending checks before ALTER
        cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER USER")


@pytest.fixture
def trail(therapist, course):
    for action in ("view", "course.update", "view", "pdf.export"):
        record(therapist, action, course, client=course.client)
    return list(AuditEvent.objects.order_by("seq"))


def assert_broken_at(seq: int, words: str):
    with pytest.raises(CommandError, match=rf"broken at row {seq} .*{words}"):
        verify_audit()


@pytest.mark.django_db(transaction=True)  # the owner's connection must see committed rows
def test_it_detects_a_deleted_row(trail):
    with rules_bypassed() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE seq = %s", [trail[2].seq])
    assert_broken_at(trail[2].seq, "missing")


@pytest.mark.django_db(transaction=True)
def test_it_detects_an_edited_row(trail):
    with rules_bypassed() as cursor:
        cursor.execute("UPDATE audit_auditevent SET action = 'view' WHERE seq = %s", [trail[1].seq])
    assert_broken_at(trail[1].seq, "does not match its hash")


@pytest.mark.django_db(transaction=True)
def test_it_detects_an_inserted_row(trail):
    last = trail[-1]
    with rules_bypassed() as cursor:
        # A plausible row, linked to the last one, but its hash cannot be made without the key.
        cursor.execute(
            "INSERT INTO audit_auditevent (at, action, object_type, object_id, request_id, "
            "detail, seq, prev_hash, hash) VALUES (%s, 'view', '', '', '', '{}', %s, %s, %s)",
            [last.at, last.seq + 1, last.hash, "a" * 64],
        )
    assert_broken_at(last.seq + 1, "does not match its hash")


@pytest.mark.django_db(transaction=True)
def test_it_detects_rows_removed_from_the_end_against_a_recorded_head(trail):
    head = verify_audit().split("Head: ")[1].split()[0]
    with rules_bypassed() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE seq = %s", [trail[-1].seq])
    with pytest.raises(CommandError, match="removed from the end"):
        verify_audit("--head", head)


def four_writers(append_one) -> list:
    """Four threads at once, each appending 15 rows by ``append_one(writer, i)`` (writers 0-3)
    on its own connection; the errors any of them met."""
    barrier = threading.Barrier(4)
    errors = []

    def write(writer: int):
        try:
            barrier.wait()
            for i in range(15):
                append_one(writer, i)
        except Exception as error:  # pragma: no cover - reported by the caller
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections")
@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_keep_one_unbroken_chain(therapist):
    def append_one(writer, i):
        with transaction.atomic():
            record(therapist, "view", detail={"i": i})

    assert four_writers(append_one) == []
    result = verification.verify()
    assert result.first_break is None and result.rows >= 60


def _head(course) -> chain.Head:
    """The chain's head as a service reads it: with one of its own rows, in its transaction."""
    row = type(course).objects.annotate(**chain.head_columns(connection)).get(pk=course.pk)
    return chain.Head.of(row)


def test_it_chains_a_row_to_the_head_read_with_another_query(
    therapist, course, django_assert_num_queries
):
    record(therapist, "view")
    with transaction.atomic():
        head = _head(course)
        with django_assert_num_queries(1):  # the insert only: no lock, no read of the head
            event = record(therapist, "course.update", course, client=course.client, head=head)
    assert event.pk is not None and event.seq == head.seq + 1
    assert event.prev_hash == AuditEvent.objects.get(seq=head.seq).hash
    assert "intact" in verify_audit()


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections")
@pytest.mark.django_db(transaction=True)
def test_a_row_whose_head_moved_on_is_chained_again_after_the_new_head(therapist, course):
    record(therapist, "view")

    def append_elsewhere():
        try:
            with transaction.atomic():
                record(therapist, "view", detail={"elsewhere": True})
        finally:
            connections.close_all()

    with transaction.atomic():
        head = _head(course)
        other = threading.Thread(target=append_elsewhere)
        other.start()
        other.join()  # committed after this transaction read the head
        event = record(therapist, "course.update", course, client=course.client, head=head)
    assert event.seq == head.seq + 2
    assert AuditEvent.objects.get(seq=head.seq + 1).detail == {"elsewhere": True}
    result = verification.verify()
    assert (result.rows, result.first_break) == (3, None)


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections")
@pytest.mark.django_db(transaction=True)
def test_appends_from_heads_read_early_and_locked_appends_keep_one_chain(therapist, course):
    def append_one(writer, i):
        early = writer % 2 == 0
        with transaction.atomic():
            head = _head(course) if early else None
            record(therapist, "view", detail={"i": i, "early": early}, head=head)

    assert four_writers(append_one) == []
    result = verification.verify()
    assert result.first_break is None and result.rows == 60


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's append lock")
@pytest.mark.django_db(transaction=True)
def test_a_read_recorded_outside_a_transaction_takes_two_round_trips(
    therapist, course, django_assert_num_queries
):
    record(therapist, "view")
    with django_assert_num_queries(2):  # the head, then the insert that takes the lock
        event = record(therapist, "view", course, client=course.client)
    assert event.seq == 2
    assert event.prev_hash == AuditEvent.objects.get(seq=1).hash
    assert "intact" in verify_audit()


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections")
@pytest.mark.django_db(transaction=True)
def test_a_read_whose_head_moved_on_before_its_insert_is_chained_again(
    therapist, course, monkeypatch
):
    record(therapist, "view")
    read_head = chain._read_head

    def head_then_append_elsewhere(conn):
        head = read_head(conn)

        def append_elsewhere():
            try:
                with transaction.atomic():
                    record(therapist, "view", detail={"elsewhere": True})
            finally:
                connections.close_all()

        other = threading.Thread(target=append_elsewhere)
        other.start()
        other.join()  # committed between this append's read of the head and its insert
        return head

    monkeypatch.setattr(chain, "_read_head", head_then_append_elsewhere)
    event = record(therapist, "view", course, client=course.client)
    assert event.seq == 3
    assert AuditEvent.objects.get(seq=2).detail == {"elsewhere": True}
    result = verification.verify()
    assert (result.rows, result.first_break) == (3, None)


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections")
@pytest.mark.django_db(transaction=True)
def test_reads_recorded_outside_transactions_and_locked_appends_keep_one_chain(therapist):
    def append_one(writer, i):
        if writer % 2 == 0:
            with transaction.atomic():
                record(therapist, "view", detail={"i": i, "locked": True})
        else:
            record(therapist, "view", detail={"i": i, "locked": False})

    assert four_writers(append_one) == []
    result = verification.verify()
    assert result.first_break is None and result.rows == 60


def test_rows_recorded_together_carry_their_detail_and_verify(therapist, course):
    from audit.trail import record_many
    from tests import factories

    other_course = factories.make_course(therapist)

    rows = record_many(
        therapist,
        "view",
        [(course, course.client), (other_course, other_course.client_id), (None, None)],
        detail={"page": "caseload", "ü": [1, 2.5]},
    )
    stored = AuditEvent.objects.in_bulk([row.pk for row in rows])
    assert [(stored[r.pk].client_id, stored[r.pk].actor_id) for r in rows] == [
        (course.client_id, therapist.pk),
        (other_course.client_id, therapist.pk),
        (None, therapist.pk),
    ]
    assert {stored[r.pk].detail["ü"][1] for r in rows} == {2.5}
    assert [stored[r.pk].at for r in rows] == [rows[0].at] * 3
    assert verification.verify().first_break is None


@pytest.mark.parametrize(
    "values",
    [
        {"action": "view", "object_type": "cases.course", "object_id": "12", "client_id": 7},
        {
            "action": 'naïve “quotes” \\ " \n\t\x00\u2028 😀',
            "object_id": 12,
            "ip": "",
            "actor_id": 3,
        },
        {"action": "view", "ip": "2001:db8::1", "request_id": "r" * 64, "detail": {"b": 2.5}},
        {"action": "x", "detail": {"z": [1, {"é": None}], "a": True}, "object_type": ""},
        {"action": "x", "detail": None, "client_id": None, "object_id": "x" * 40},
    ],
)
def test_the_hash_is_taken_over_the_same_text_the_verifier_rebuilds(values):
    """``_stamp`` writes the hashed text value by value; it must be the very text
    ``link_hash`` hashes from a stored row, for every kind of value a row can hold."""
    import datetime

    key = b"k" * 32
    at = datetime.datetime(2026, 12, 1, 14, 5, 6, 789, tzinfo=datetime.UTC)
    shared_detail = {"page": "caseload", "ü": [1, 2.5]}
    events = [
        AuditEvent(**values),
        AuditEvent(**values),
        AuditEvent(action="v", detail=shared_detail),
    ]
    events.append(AuditEvent(action="v", detail=shared_detail, object_id="9"))
    chain._stamp(events, key, at, (41, "a" * 64, at - datetime.timedelta(seconds=1)))
    prev = "a" * 64
    for seq, event in enumerate(events, start=42):
        assert (event.seq, event.prev_hash, event.at) == (seq, prev, at)
        assert event.hash == chain.link_hash(key, prev, chain.event_content(event))
        prev = event.hash


def test_rows_recorded_together_are_the_rows_django_would_build(therapist, course):
    """``record_many`` builds its rows without ``Model.__init__``: each must hold what the
    model's own positional constructor would give it."""
    from audit.trail import _COLUMNS, _event

    values = {"actor_id": therapist.pk, "action": "view", "client_id": course.client_id}
    values |= {"object_type": "cases.course", "object_id": str(course.pk), "detail": {"a": 1}}
    built = _event(values)
    expected = AuditEvent(*[values.get(name) for name in _COLUMNS])
    assert [getattr(built, name) for name in _COLUMNS] == [
        getattr(expected, name) for name in _COLUMNS
    ]
    assert built._state.adding and built._state.db is None
    assert built.actor == therapist


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite keeps any length")
def test_a_value_too_long_for_its_column_is_refused_not_cut(therapist):
    """The many-row insert casts each value to its column's type without the length, so a
    value the hash covers is never shortened on its way in: the database refuses it."""
    from django.db import DataError

    from audit.trail import record_many

    with pytest.raises(DataError), transaction.atomic():
        record_many(therapist, "v" * 41, [(None, None), (therapist, None)])
    assert not AuditEvent.objects.filter(action__startswith="vvvv").exists()
