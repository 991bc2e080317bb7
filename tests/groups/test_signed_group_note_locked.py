"""A signed group session's note is locked by the database, not only by groups.services: its
group-level note and status never change, and no member entry of it is added, changed or
removed (also the entry of a member who did not attend, whose own note is not signed).

Runs on SQLite by default and on PostgreSQL with DATABASE_URL (the same triggers, H42)."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from groups.models import GroupSession, MemberEntry, Membership
from tests.groups.group_factories import make_group, member_post

pytestmark = pytest.mark.django_db


def raw(sql: str, params=()) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def refused(sql: str, params=()) -> None:
    with pytest.raises(DatabaseError):
        raw(sql, params)


def signed_group_session(client, therapist, *, absent: int = 0):
    group = make_group(lead=therapist)
    members = list(Membership.objects.of_group(group))
    gs = group.sessions.get(number=1)
    extra = {f"m{m.pk}-attendance": "dna" for m in members[:absent]}
    client.force_login(therapist)
    response = client.post(
        reverse("groups:session", args=[group.pk, 1]),
        member_post(gs, members, action="sign", **extra),
    )
    assert response.status_code in (200, 302)
    gs.refresh_from_db()
    assert gs.is_signed
    return gs


def test_the_database_refuses_to_change_a_signed_group_note(client, therapist):
    gs = signed_group_session(client, therapist)
    table = GroupSession._meta.db_table
    for column, value in (
        ("theme", "Rewritten"),
        ("group_process", "Rewritten"),
        ("exercises", "Rewritten"),
        ("status", "draft"),
        ("signed_by_id", None),
    ):
        refused(f"UPDATE {table} SET {column} = %s WHERE id = %s", [value, gs.pk])
    refused(f"DELETE FROM {table} WHERE id = %s", [gs.pk])
    kept = GroupSession.objects.get(pk=gs.pk)
    assert kept.is_signed and kept.theme == "Naming our problem areas"
    assert kept.group_process == "Members listened well."


def test_the_database_refuses_to_change_or_remove_a_signed_member_entry(client, therapist):
    gs = signed_group_session(client, therapist, absent=1)
    table = MemberEntry._meta.db_table
    entries = list(MemberEntry.objects.filter(group_session=gs).select_related("session"))
    absent = [e for e in entries if e.session.attendance == "dna"]
    assert len(absent) == 1 and not absent[0].session.is_signed
    for entry in entries:  # the absent member's entry too: the group session is signed
        refused(f"UPDATE {table} SET problem_area_work = 'x' WHERE id = %s", [entry.pk])
        refused(f"DELETE FROM {table} WHERE id = %s", [entry.pk])
    assert not MemberEntry.objects.filter(problem_area_work="x").exists()


def test_the_database_refuses_a_new_entry_in_a_signed_group_session(client, therapist):
    from tests import factories

    gs = signed_group_session(client, therapist)
    other = factories.make_session(factories.make_course(therapist=therapist))
    refused(
        f"INSERT INTO {MemberEntry._meta.db_table} "
        "(group_session_id, session_id, problem_area_work, created_at, updated_at) "
        "VALUES (%s, %s, '', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
        [gs.pk, other.pk],
    )
    assert not MemberEntry.objects.filter(session=other).exists()


def test_a_draft_group_note_and_its_entries_can_still_be_written(client, therapist):
    group = make_group(lead=therapist)
    members = list(Membership.objects.of_group(group))
    gs = group.sessions.get(number=1)
    client.force_login(therapist)
    client.post(reverse("groups:session", args=[group.pk, 1]), member_post(gs, members))
    raw(f"UPDATE {GroupSession._meta.db_table} SET theme = 'Draft' WHERE id = %s", [gs.pk])
    raw(
        f"UPDATE {MemberEntry._meta.db_table} SET problem_area_work = 'Draft' "
        "WHERE group_session_id = %s",
        [gs.pk],
    )
    assert GroupSession.objects.get(pk=gs.pk).theme == "Draft"
    assert MemberEntry.objects.filter(group_session=gs, problem_area_work="Draft").count() == 6
