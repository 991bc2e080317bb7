"""The audit trail and signed notes cannot be rewritten: by the app anywhere, by SQL on PostgreSQL."""

import pytest
from django.db import IntegrityError, connection, transaction

from audit.models import AppendOnlyError, AuditEvent
from audit.trail import record
from sessions.models import NoteStatus
from tests.factories import make_session

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="The triggers exist only on PostgreSQL (CI runs this suite on PostgreSQL too).",
)


def test_the_app_cannot_change_or_remove_an_audit_row(therapist):
    event = record(therapist, "view")
    event.action = "something else"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "view"


def raw(sql: str, params=()):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.postgres
@on_postgresql
def test_postgresql_refuses_update_and_delete_of_audit_rows(therapist):
    event = record(therapist, "view")
    with pytest.raises(IntegrityError, match="append-only"):
        raw("UPDATE audit_auditevent SET action = 'forged' WHERE id = %s", [event.pk])
    with pytest.raises(IntegrityError, match="append-only"):
        raw("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    raw(
        "INSERT INTO audit_auditevent (at, action, object_type, object_id, request_id, detail) "
        "VALUES (now(), 'still.appendable', '', '', '', '{}')"
    )
    assert AuditEvent.objects.get(pk=event.pk).action == "view"


@pytest.mark.postgres
@on_postgresql
def test_postgresql_refuses_to_change_or_delete_a_signed_note(course):
    note = make_session(course, note="Talked about the move.", status=NoteStatus.SIGNED)
    with pytest.raises(IntegrityError, match="cannot be changed"):
        raw("UPDATE session_logs_session SET note = 'rewritten' WHERE id = %s", [note.pk])
    with pytest.raises(IntegrityError, match="never deleted"):
        raw("DELETE FROM session_logs_session WHERE id = %s", [note.pk])
    # Co-signing and voiding touch other columns, and stay possible.
    raw(
        "UPDATE session_logs_session SET status = 'cosigned', cosigned_at = now(), "
        "void_reason = 'entered twice', voided_at = now() WHERE id = %s",
        [note.pk],
    )
    note.refresh_from_db()
    assert note.note == "Talked about the move." and note.status == "cosigned"


@pytest.mark.postgres
@on_postgresql
def test_postgresql_lets_a_draft_be_edited(course):
    draft = make_session(course, note="first go")
    raw("UPDATE session_logs_session SET note = 'second go' WHERE id = %s", [draft.pk])
    draft.refresh_from_db()
    assert draft.note == "second go"


@pytest.mark.postgres
@on_postgresql
@pytest.mark.django_db(transaction=True)  # SET LOCAL must end with a real transaction
def test_only_the_demo_loaders_transaction_may_fill_in_a_signed_note(course):
    note = make_session(course, note="", status=NoteStatus.SIGNED)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL ipt.seeding_demo = 'on'")
        cursor.execute("UPDATE session_logs_session SET note = 'demo' WHERE id = %s", [note.pk])
    # The setting ended with that transaction.
    with pytest.raises(IntegrityError, match="cannot be changed"):
        raw("UPDATE session_logs_session SET note = 'again' WHERE id = %s", [note.pk])
