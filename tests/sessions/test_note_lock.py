"""The autosave's locked read (sessions.note_lock) is a prepared query: the SQL Django builds for
each viewer and session, inside a transaction only; and the save after it writes every field the
note changed (only those columns, with the version and time)."""

import pytest
from django.db import DEFAULT_DB_ALIAS, transaction
from django.urls import reverse

from accounts.models import User
from audit.models import AuditEvent
from sessions.models import NOTE_FIELDS, Session
from sessions.note_lock import LOCK_FOR_NOTE_QUERY, lock_for_note
from tests import factories
from tests.sessions.conftest import note_data

pytestmark = pytest.mark.django_db


def _django_sql(queryset) -> tuple[str, list]:
    sql, params = queryset.query.get_compiler(using=DEFAULT_DB_ALIAS).as_sql()
    return sql, list(params)


def test_it_runs_the_sql_django_builds_for_each_viewer_and_session():
    sessions = [factories.make_session(factories.make_course()) for _ in range(2)]
    supervisor = factories.make_supervisor()
    people = [s.course.therapist for s in sessions] + [
        factories.make_therapist(supervisor=supervisor),
        supervisor,
        factories.make_user(User.Role.SERVICE_ADMIN),
    ]
    with transaction.atomic():
        for person in people:
            for session in sessions:
                values = {"user": person, "session_id": session.pk}
                assert LOCK_FOR_NOTE_QUERY.sql_with_params(**values) == _django_sql(
                    LOCK_FOR_NOTE_QUERY._build(**values)
                ), person.role


def test_it_reads_the_therapists_session_with_the_chain_head(course):
    session = factories.make_session(course)
    factories.make_session(course)
    with transaction.atomic():
        locked = lock_for_note(course.therapist, session.pk)
        last = AuditEvent.objects.order_by("-seq").first()
    assert locked.pk == session.pk
    assert locked.course.client.pk == course.client_id
    assert locked.audit_head.seq == (last.seq if last else 0)


def test_it_finds_nothing_for_someone_who_cannot_see_the_session(course, other_therapist):
    session = factories.make_session(course)
    with transaction.atomic(), pytest.raises(Session.DoesNotExist):
        lock_for_note(other_therapist, session.pk)


@pytest.mark.django_db(transaction=True)
def test_it_refuses_to_lock_outside_a_transaction(course):
    session = factories.make_session(course)
    with pytest.raises(transaction.TransactionManagementError):
        lock_for_note(course.therapist, session.pk)


def test_the_autosave_stores_every_field_it_changed_and_keeps_the_rest(client, course):
    session = factories.make_session(course, note="", mood_account="")
    before = Session.objects.get(pk=session.pk)
    client.force_login(course.therapist)
    data = note_data(session, note="Worked on the dispute with her mother.", mood_rating="6")
    response = client.post(
        reverse("sessions:autosave", args=[session.pk]), data, HTTP_HX_REQUEST="true"
    )
    assert "Draft saved at" in response.content.decode()
    after = Session.objects.get(pk=session.pk)
    assert after.note == "Worked on the dispute with her mother."
    assert after.mood_rating == 6
    assert after.risk_level == "low" and after.risk_asked is True
    assert after.next_task == "Ask her sister directly for help with the school run."
    assert after.version == before.version + 1
    assert after.updated_at > before.updated_at
    unchanged = {
        f.attname
        for f in Session._meta.concrete_fields
        if f.name not in NOTE_FIELDS and f.name not in ("version", "updated_at")
    }
    assert {n: getattr(after, n) for n in unchanged} == {n: getattr(before, n) for n in unchanged}
