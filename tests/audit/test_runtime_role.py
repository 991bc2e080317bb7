"""As the app's runtime role, every statement the security probe ran is refused (PostgreSQL).

The suite connects as the runtime role (DATABASE_URL) once the owner (MIGRATE_DATABASE_URL)
has built the test database (tests/conftest.py). Each statement below succeeded when the app's
role owned the tables.
"""

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from audit import roles
from audit.models import AuditEvent
from audit.trail import record
from measures import services as measures
from sessions import services
from sessions.models import NoteStatus, Session
from supervision.services import reviews
from tests.factories import make_course, make_session, make_therapist

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql" or roles.owner_settings() is None,
        reason="Needs PostgreSQL with two roles: set DATABASE_URL to the runtime role and "
        "MIGRATE_DATABASE_URL to the owner (.ci/run does).",
    ),
]


def refused(sql: str, params=()):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_the_tests_really_run_as_a_role_that_owns_nothing():
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        assert cursor.fetchone()[0] == roles.runtime_user()
        cursor.execute(
            "SELECT count(*) FROM pg_class WHERE relowner = "
            "(SELECT oid FROM pg_roles WHERE rolname = current_user)"
        )
        assert cursor.fetchone()[0] == 0
        cursor.execute("SELECT has_schema_privilege(current_user, 'public', 'CREATE')")
        assert cursor.fetchone()[0] is False


@pytest.mark.parametrize(
    "table",
    ["audit_auditevent", "session_logs_session", "session_logs_addendum", "django_admin_log"],
)
def test_truncate_is_refused(table):
    refused(f"TRUNCATE {table} CASCADE")


def test_the_audit_trigger_cannot_be_disabled_or_dropped():
    refused("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_append_only")
    refused("ALTER TABLE audit_auditevent DISABLE TRIGGER ALL")
    refused("DROP TRIGGER audit_auditevent_append_only ON audit_auditevent")
    refused("DROP FUNCTION audit_refuse_rewrite() CASCADE")
    refused("CREATE TABLE ipt_db_sneaky (id int)")


def test_a_back_dated_audit_row_is_refused(therapist):
    record(therapist, "view")
    last = AuditEvent.objects.order_by("-seq").first()
    refused(
        "INSERT INTO audit_auditevent (at, action, object_type, object_id, request_id, detail, "
        "seq, prev_hash, hash) VALUES (now() - interval '30 days', 'view', '', '', '', '{}', "
        "%s, %s, %s)",
        [last.seq + 1, last.hash, "b" * 64],
    )
    refused("UPDATE audit_auditevent SET at = at - interval '30 days' WHERE id = %s", [last.pk])


def test_the_demo_setting_no_longer_opens_signed_notes(course):
    note = make_session(course, note="As signed.", status=NoteStatus.SIGNED)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL ipt.seeding_demo = 'on'")
        cursor.execute("UPDATE session_logs_session SET note = 'demo' WHERE id = %s", [note.pk])
    note.refresh_from_db()
    assert note.note == "As signed."


def test_a_signed_note_cannot_be_flipped_to_draft_and_back(course):
    note = make_session(course, note="As signed.", status=NoteStatus.SIGNED)
    refused("UPDATE session_logs_session SET status = 'draft' WHERE id = %s", [note.pk])
    refused("DELETE FROM session_logs_session WHERE id = %s", [note.pk])


@pytest.fixture
def signed_note_with_everything(supervisor):
    """A trainee's note with an analysis, signed, co-signed and given an addendum."""
    trainee = make_therapist(supervisor=supervisor, is_trainee=True)
    course = make_course(therapist=trainee)
    note = make_session(course, note="What happened.", risk_level="high")
    services.add_record(note, trainee, "decision", {"decision": "Move out or not"})
    note = services.sign_session(note, trainee)
    note = reviews.cosign_note(note, supervisor)
    services.add_addendum(note, trainee, "Added later.")
    return Session.objects.get(pk=note.pk)


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE session_logs_addendum SET text = 'x' WHERE session_id = %s",
        "DELETE FROM session_logs_addendum WHERE session_id = %s",
        "UPDATE session_logs_decisionanalysis SET decision = 'x' WHERE session_id = %s",
        "DELETE FROM session_logs_decisionanalysis WHERE session_id = %s",
        "UPDATE supervision_notereview SET action = 'returned', comment = 'x' "
        "WHERE session_id = %s",
        "DELETE FROM supervision_notereview WHERE session_id = %s",
        "UPDATE session_logs_session SET status = 'signed', cosigned_at = NULL, "
        "cosigned_by_id = NULL WHERE id = %s",
    ],
)
def test_the_parts_and_co_signature_of_a_signed_note_are_fixed(signed_note_with_everything, sql):
    refused(sql, [signed_note_with_everything.pk])


def test_risk_reviews_cannot_be_edited(course):
    note = make_session(course, note="Risk.", risk_level="high")
    flag = measures.raise_flags_for_session(note, course.therapist)
    review = measures.close_flag(
        flag, by=course.therapist, assessment="Seen.", actions="Plan.", contacted="GP."
    )
    refused("UPDATE measures_riskreview SET assessment = 'x' WHERE id = %s", [review.pk])
    refused("DELETE FROM measures_riskreview WHERE id = %s", [review.pk])


def test_the_admin_log_cannot_be_deleted(service_admin):
    from django.contrib.admin.models import ADDITION, LogEntry

    LogEntry.objects.create(user=service_admin, object_repr="x", action_flag=ADDITION)
    refused("DELETE FROM django_admin_log")


def test_the_app_still_does_its_work(course):
    """The runtime role's grants are enough for the ordinary writes (the whole suite runs as
    it; this is the short version)."""
    note = make_session(course, note="Draft.")
    services.sign_session(note, course.therapist)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE django_session SET expire_date = %s WHERE false", [timezone.now()])
        cursor.execute("DELETE FROM django_session WHERE false")


@pytest.mark.django_db(transaction=True)
def test_a_table_added_later_gets_safe_privileges_until_the_next_grant():
    runtime = roles.runtime_user()

    def may(privilege: str) -> bool:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT has_table_privilege(%s, 'ipt_later_table', %s)", [runtime, privilege]
            )
            return cursor.fetchone()[0]

    with roles.as_owner():
        with connection.cursor() as cursor:
            cursor.execute("CREATE TABLE ipt_later_table (id int)")
        try:
            # ALTER DEFAULT PRIVILEGES: usable at once, but no DELETE, TRUNCATE or TRIGGER.
            assert [may(p) for p in ("SELECT", "INSERT", "UPDATE")] == [True] * 3
            assert [may(p) for p in ("DELETE", "TRUNCATE", "TRIGGER")] == [False] * 3
            assert "privileges granted" in roles.apply()
            assert may("DELETE") and not may("TRUNCATE")  # not clinical: the full set
        finally:
            with connection.cursor() as cursor:
                cursor.execute("DROP TABLE ipt_later_table")
