"""What the database refuses, on SQLite and PostgreSQL alike (audit/protection.py).

Every statement here is plain SQL, as anyone holding the app's database connection could send
it. On PostgreSQL the tests run as the runtime role, so some statements are refused by a
missing privilege before any trigger is reached: either refusal counts (DatabaseError).
tests/audit/test_runtime_role.py checks the privileges themselves.
"""

import datetime

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from audit.models import AppendOnlyError, AuditEvent
from audit.trail import record
from measures.models import RiskFlag, RiskReview
from sessions import services
from sessions.models import Addendum, CommunicationAnalysis, NoteStatus, Session
from supervision.models import NoteReview
from supervision.services import reviews
from tests.factories import make_person, make_session, make_therapist

pytestmark = pytest.mark.django_db


def raw(sql: str, params=()):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def refused(sql: str, params=()):
    with pytest.raises(DatabaseError):
        raw(sql, params)


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


def test_sql_cannot_change_or_remove_an_audit_row(therapist):
    event = record(therapist, "view")
    refused("UPDATE audit_auditevent SET action = 'forged' WHERE id = %s", [event.pk])
    refused("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    refused("DELETE FROM audit_auditevent")
    assert AuditEvent.objects.get(pk=event.pk).action == "view"


def _insert_audit_row(seq: int, prev_hash: str, at: datetime.datetime):
    raw(
        "INSERT INTO audit_auditevent (at, action, object_type, object_id, request_id, detail, "
        "seq, prev_hash, hash) VALUES (%s, 'forged', '', '', '', '{}', %s, %s, %s)",
        [at, seq, prev_hash, "f" * 64],
    )


def test_sql_cannot_insert_an_audit_row_out_of_the_chain_or_back_dated(therapist):
    record(therapist, "view")
    last = AuditEvent.objects.order_by("-seq").first()
    now = timezone.now()
    with pytest.raises(DatabaseError):
        _insert_audit_row(last.seq + 2, last.hash, now)  # skips a place
    with pytest.raises(DatabaseError):
        _insert_audit_row(last.seq + 1, "0" * 64, now)  # does not link to the last row
    with pytest.raises(DatabaseError):
        _insert_audit_row(last.seq + 1, last.hash, last.at - datetime.timedelta(days=3))
    with pytest.raises(DatabaseError):
        _insert_audit_row(last.seq + 1, last.hash, now + datetime.timedelta(days=3))
    assert AuditEvent.objects.order_by("-seq").first() == last


def test_sql_cannot_change_or_delete_a_signed_note(course):
    note = make_session(course, note="Talked about the move.", status=NoteStatus.SIGNED)
    refused("UPDATE session_logs_session SET note = 'rewritten' WHERE id = %s", [note.pk])
    refused(
        "UPDATE session_logs_session SET signed_at = %s WHERE id = %s", [timezone.now(), note.pk]
    )
    refused("DELETE FROM session_logs_session WHERE id = %s", [note.pk])
    # Voiding is a later event in the note's life, not a change to what was signed.
    raw(
        "UPDATE session_logs_session SET void_reason = 'entered twice', voided_at = %s, "
        "version = version + 1 WHERE id = %s",
        [timezone.now(), note.pk],
    )
    note.refresh_from_db()
    assert note.note == "Talked about the move." and note.is_void
    refused("UPDATE session_logs_session SET voided_at = NULL WHERE id = %s", [note.pk])


def test_a_signed_note_cannot_go_back_to_draft_even_for_a_moment(course):
    note = make_session(course, note="As signed.", status=NoteStatus.SIGNED)
    for status in ("draft", "returned", "cosigned"):
        refused("UPDATE session_logs_session SET status = %s WHERE id = %s", [status, note.pk])
    # The flip "signed -> draft, rewrite, -> signed" in one transaction fails at its first step.
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE session_logs_session SET status = 'draft' WHERE id = %s", [note.pk])
        cursor.execute("UPDATE session_logs_session SET note = 'forged' WHERE id = %s", [note.pk])
        cursor.execute("UPDATE session_logs_session SET status = 'signed' WHERE id = %s", [note.pk])
    note.refresh_from_db()
    assert (note.status, note.note) == (NoteStatus.SIGNED, "As signed.")


def test_the_demo_settings_bypass_is_gone(course):
    note = make_session(course, note="As signed.", status=NoteStatus.SIGNED)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL ipt.seeding_demo = 'on'")
        cursor.execute("UPDATE session_logs_session SET note = 'demo' WHERE id = %s", [note.pk])
    note.refresh_from_db()
    assert note.note == "As signed."


def test_a_draft_and_a_returned_note_stay_editable(course):
    draft = make_session(course, note="first go")
    raw("UPDATE session_logs_session SET note = 'second go' WHERE id = %s", [draft.pk])
    draft.refresh_from_db()
    assert draft.note == "second go"


@pytest.fixture
def trainee(supervisor):
    return make_therapist(supervisor=supervisor, is_trainee=True)


@pytest.fixture
def trainee_note(trainee):
    from tests.factories import make_course

    course = make_course(therapist=trainee)
    note = make_session(course, note="What the trainee wrote.")
    return services.sign_session(note, trainee)


def test_co_signing_goes_through_and_is_then_final(trainee_note, supervisor):
    note = reviews.cosign_note(trainee_note, supervisor)
    assert note.status == NoteStatus.COSIGNED
    refused("UPDATE session_logs_session SET status = 'signed' WHERE id = %s", [note.pk])
    refused("UPDATE session_logs_session SET cosigned_by_id = NULL WHERE id = %s", [note.pk])
    review = NoteReview.objects.get(session=note)
    refused("UPDATE supervision_notereview SET comment = 'x' WHERE id = %s", [review.pk])
    refused("DELETE FROM supervision_notereview WHERE id = %s", [review.pk])


def test_returning_goes_through_and_the_trainee_can_revise_and_sign_again(
    trainee_note, trainee, supervisor
):
    reviews.return_note(trainee_note, supervisor, "Say more about the risk.")
    note = Session.objects.get(pk=trainee_note.pk)
    assert note.status == NoteStatus.RETURNED
    note = services.save_note(
        note,
        trainee,
        services.NoteChanges(fields={"note": "Revised."}),
        expected_version=note.version,
    )
    note = services.sign_session(note, trainee)
    assert (note.status, note.note) == (NoteStatus.SIGNED, "Revised.")


def test_a_signed_note_is_not_returned_without_a_supervisors_review(trainee_note):
    refused("UPDATE session_logs_session SET status = 'returned' WHERE id = %s", [trainee_note.pk])


def test_addenda_are_never_changed_or_removed(course):
    note = make_session(course, note="As signed.", status=NoteStatus.SIGNED)
    addendum = services.add_addendum(note, course.therapist, "Forgot to say: sleep improved.")
    refused("UPDATE session_logs_addendum SET text = 'x' WHERE id = %s", [addendum.pk])
    refused("DELETE FROM session_logs_addendum WHERE id = %s", [addendum.pk])
    assert Addendum.objects.get(pk=addendum.pk).text.startswith("Forgot")


def test_the_records_of_a_signed_note_are_frozen_with_it(course):
    note = make_session(course, note="Draft with an analysis.")
    analysis = services.add_record(
        note, course.therapist, "communication", {"scene": "Kitchen", "exchange": "Words"}
    )
    person = make_person(course)
    note.people_involved.add(person)
    services.sign_session(note, course.therapist)
    table = "session_logs_communicationanalysis"
    refused(f"UPDATE {table} SET scene = 'x' WHERE id = %s", [analysis.pk])
    refused(f"DELETE FROM {table} WHERE id = %s", [analysis.pk])
    refused(
        f"INSERT INTO {table} (session_id, created_at, updated_at, version, scene, exchange, "
        "tone, meant, heard, feelings, alternatives, role_played, outcome) "
        "VALUES (%s, %s, %s, 1, 'late', 'late', '', '', '', '', '', FALSE, '')",
        [note.pk, timezone.now(), timezone.now()],
    )
    refused("DELETE FROM session_logs_session_people_involved WHERE session_id = %s", [note.pk])
    assert CommunicationAnalysis.objects.get(pk=analysis.pk).scene == "Kitchen"
    assert list(note.people_involved.all()) == [person]


def test_risk_reviews_are_never_changed(course):
    from measures import services as measures

    note = make_session(course, note="Risk discussed.", risk_level="high")
    flag = measures.raise_flags_for_session(note, course.therapist)
    review = measures.close_flag(
        flag, by=course.therapist, assessment="Seen.", actions="Plan.", contacted="GP."
    )
    refused("UPDATE measures_riskreview SET assessment = 'x' WHERE id = %s", [review.pk])
    refused("DELETE FROM measures_riskreview WHERE id = %s", [review.pk])
    refused("DELETE FROM measures_riskflag WHERE id = %s", [flag.pk])
    assert RiskReview.objects.get(pk=review.pk).assessment == "Seen."
    assert RiskFlag.objects.filter(pk=flag.pk).exists()


def test_the_admins_log_cannot_be_deleted(service_admin):
    from django.contrib.admin.models import ADDITION, LogEntry

    entry = LogEntry.objects.create(
        user=service_admin, object_repr="x", action_flag=ADDITION, change_message="added"
    )
    refused("DELETE FROM django_admin_log WHERE id = %s", [entry.pk])
    refused("UPDATE django_admin_log SET change_message = 'x' WHERE id = %s", [entry.pk])


def test_clinical_records_are_never_deleted(course):
    refused("DELETE FROM cases_course WHERE id = %s", [course.pk])
    refused("DELETE FROM cases_client WHERE id = %s", [course.client_id])


def test_the_goal_progress_marks_of_a_signed_note_are_frozen_with_it(course):
    from sessions.goal_progress import GoalProgress

    note = make_session(course, note="Draft with a goal review.")
    mark = GoalProgress.objects.create(session=note, goal_number=1, goal_text="Goal", mark="some")
    services.sign_session(note, course.therapist)
    table = "session_logs_goalprogress"
    refused(f"UPDATE {table} SET mark = 'achieved' WHERE id = %s", [mark.pk])
    refused(f"DELETE FROM {table} WHERE id = %s", [mark.pk])
    refused(
        f"INSERT INTO {table} (session_id, created_at, updated_at, goal_number, goal_text, mark) "
        "VALUES (%s, %s, %s, 2, 'late', 'achieved')",
        [note.pk, timezone.now(), timezone.now()],
    )
    assert GoalProgress.objects.get(pk=mark.pk).mark == "some"
    assert GoalProgress.objects.filter(session=note).count() == 1


def test_nobody_named_in_the_trail_can_be_deleted(therapist, course):
    """The trail's references to people carry no database constraint (a constraint's check
    would lock the row on every audited read): Django's PROTECT and the clients' own
    never-deleted trigger keep every row the trail names."""
    from django.db.models import ProtectedError

    reader = make_therapist()  # nothing else refers to them
    record(reader, "view", course, client=course.client)
    with pytest.raises(ProtectedError):
        reader.delete()
    with pytest.raises((DatabaseError, AppendOnlyError)):
        raw("DELETE FROM cases_client WHERE id = %s", [course.client_id])
    assert AuditEvent.objects.filter(actor=reader, client=course.client_id).exists()
