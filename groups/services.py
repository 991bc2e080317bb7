"""Every change to a group: atomic, audited in the same transaction.

A member's part of a group session is written to their own session note (``Session``) and
its ``MemberEntry``; the group-level note to the ``GroupSession``. Views check access and call
one of these. Signed notes never change; a stale save never overwrites; nothing is deleted.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from audit import trail
from cases.models import Client, Course
from cases.models.courses import Adaptation, CourseDelivery, CourseStatus
from cases.services.courses import sync_schedule
from groups.models import (
    GROUP_SESSIONS,
    MAX_MEMBERS,
    MIN_MEMBERS,
    GroupNoteStatus,
    GroupSession,
    MemberEntry,
    Membership,
    TherapyGroup,
)
from measures.services import raise_flags_for_session
from sessions import questionnaire_drafts, questionnaire_grids
from sessions.errors import NotAllowed, NotSignable, StaleVersion
from sessions.models import Attendance, NoteStatus, RiskLevel, Session
from sessions.services import renumber

GROUP_FIELDS = ("theme", "exercises", "group_process")
# What a facilitator writes for each member; the first four are the member's own note fields.
MEMBER_NOTE_FIELDS = ("note", "next_task", "risk_asked", "risk_level")
MEMBER_ATTENDANCE = (Attendance.ATTENDED, Attendance.DID_NOT_ATTEND, Attendance.CANCELLED_CLIENT)


class GroupRefused(Exception):
    """A rule of the group format stops this change; the message says which."""


@transaction.atomic
def create_group(
    by,
    *,
    name: str,
    first_session_on: datetime.date,
    session_time: datetime.time,
    clients: list[Client],
    co_facilitator=None,
    session_minutes: int = 90,
) -> TherapyGroup:
    """Open a group led by ``by``: eight weekly sessions and, for each client, their own
    course of kind "group member" (a pre-group meeting the week before, then the group)."""
    if not MIN_MEMBERS <= len(clients) <= MAX_MEMBERS:
        raise GroupRefused(f"A group has {MIN_MEMBERS} to {MAX_MEMBERS} members.")
    group = TherapyGroup.objects.create(
        name=name,
        lead_facilitator=by,
        co_facilitator=co_facilitator,
        first_session_on=first_session_on,
        session_time=session_time,
        session_minutes=session_minutes,
    )
    tz = timezone.get_current_timezone()
    for number in range(1, GROUP_SESSIONS + 1):
        day = first_session_on + datetime.timedelta(weeks=number - 1)
        GroupSession.objects.create(
            group=group,
            number=number,
            scheduled_for=datetime.datetime.combine(day, session_time, tzinfo=tz),
        )
    for client in clients:
        add_member(by, group, client)
    trail.record(by, "group.create", group, detail={"members": len(clients)})
    return group


def add_member(by, group: TherapyGroup, client: Client) -> Membership:
    """One member's own course: the pre-group meeting, then one session a group meeting."""
    if group.memberships.current().count() >= MAX_MEMBERS:
        raise GroupRefused(f"A group has at most {MAX_MEMBERS} members.")
    if Course.objects.filter(client=client, status=CourseStatus.ACTIVE).exists():
        raise GroupRefused(f"{client.display_name} already has an active course.")
    course = Course.objects.create(
        client=client,
        therapist=group.lead_facilitator,
        delivery=CourseDelivery.GROUP_MEMBER,
        adaptation=Adaptation.GROUP,
        planned_sessions=group.planned_sessions + 1,
        length_reason="Group IPT: one pre-group meeting and the group's weekly sessions.",
        start_date=group.first_session_on - datetime.timedelta(weeks=1),
        usual_time=group.session_time,
        session_minutes=group.session_minutes,
        status=CourseStatus.ACTIVE,
        started_on=timezone.localdate(),
    )
    sync_schedule(course)
    membership = Membership.objects.create(
        group=group, course=course, joined_on=timezone.localdate()
    )
    trail.record(by, "group.member_add", membership, client=client)
    return membership


@transaction.atomic
def leave_group(by, membership: Membership, reason: str) -> Membership:
    """A member leaves: their place ends; the group and its sessions go on. Their own course
    is ended from their course page, where an open risk flag needs a recorded handover."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if not membership.group.is_facilitator(by):
        raise NotAllowed("Only the group's facilitators can record a member leaving.")
    if membership.has_left:
        raise GroupRefused("This member has already left the group.")
    if not reason.strip():
        raise GroupRefused("Give the reason the member left.")
    membership.left_on = timezone.localdate()
    membership.leave_reason = reason.strip()
    membership.save(update_fields=["left_on", "leave_reason"])
    trail.record(by, "group.member_leave", membership, client=membership.course.client)
    return membership


@dataclass
class MemberChanges:
    """What the group-session form carries for one member."""

    attendance: str
    fields: dict  # MEMBER_NOTE_FIELDS
    problem_area_work: str
    grids: list = field(default_factory=list)  # questionnaire_grids.Grid posted for them
    # Unfinished questionnaires whose answers changed (code -> answers so far), kept as drafts.
    drafts: dict = field(default_factory=dict)


def member_sessions(group_session: GroupSession, memberships) -> dict[int, Session]:
    """Each member's own session for this group meeting (membership id -> Session; one query)."""
    by_course = {m.course_id: m.pk for m in memberships}
    rows = (
        Session.objects.filter(
            course_id__in=by_course, planned_week=group_session.member_week, voided_at=None
        )
        .select_related("course__client", "group_entry")
        .order_by("id")
    )
    return {by_course[s.course_id]: s for s in rows}


def _require_facilitator(group: TherapyGroup, by) -> None:
    if not group.is_facilitator(by):
        raise NotAllowed("Only the group's facilitators can write its notes.")


def _lock(group_session: GroupSession) -> GroupSession:
    return GroupSession.objects.select_for_update().select_related("group").get(pk=group_session.pk)


@transaction.atomic
def save_group_session(
    group_session: GroupSession,
    by,
    *,
    expected_version: int,
    group_fields: dict,
    members: dict[int, MemberChanges],
) -> GroupSession:
    """Save the group note and every member's entry together, refusing a stale version."""
    group_session = _lock(group_session)
    _require_facilitator(group_session.group, by)
    if group_session.is_signed:
        raise NotAllowed("This group session is signed; its notes can no longer change.")
    if group_session.version != expected_version:
        raise StaleVersion(group_session)
    for name in GROUP_FIELDS:
        setattr(group_session, name, group_fields.get(name, ""))
    group_session.author = group_session.author or by
    group_session.version += 1
    group_session.save()
    memberships = list(Membership.objects.of_group(group_session.group).filter(pk__in=members))
    sessions = member_sessions(group_session, memberships)
    for membership in memberships:
        session = sessions.get(membership.pk)
        if session is None or session.is_signed:
            continue
        _save_member(group_session, session, members[membership.pk], by)
    trail.record(
        by,
        "group_session.update",
        group_session,
        detail={"version": group_session.version, "members": len(sessions)},
    )
    return group_session


def _save_member(group_session: GroupSession, session: Session, changes: MemberChanges, by):
    if changes.attendance not in MEMBER_ATTENDANCE and changes.attendance != Attendance.SCHEDULED:
        raise GroupRefused("Choose attended, did not attend or cancelled for each member.")
    session.attendance = changes.attendance
    attended = changes.attendance == Attendance.ATTENDED
    session.held_at = group_session.scheduled_for if changes.attendance != "scheduled" else None
    session.duration_minutes = group_session.group.session_minutes if attended else None
    for name in MEMBER_NOTE_FIELDS:
        setattr(session, name, changes.fields.get(name, getattr(session, name)))
    session.author = session.author or by
    session.version += 1
    session.save()
    renumber(session.course)
    session.refresh_from_db()
    entry = getattr(session, "group_entry", None) if session.pk else None
    if entry is None:
        MemberEntry.objects.create(
            group_session=group_session,
            session=session,
            problem_area_work=changes.problem_area_work,
        )
    elif entry.problem_area_work != changes.problem_area_work:
        entry.problem_area_work = changes.problem_area_work
        entry.save(update_fields=["problem_area_work", "updated_at"])
    if attended and changes.drafts:
        # Kept until finished; a positive risk item among them opens the flag now (H1).
        questionnaire_drafts.write(session, changes.drafts, by)
    if attended and changes.grids:
        questionnaire_grids.save_complete(session, changes.grids, by)
    trail.record(
        by,
        "session.update",
        session,
        client=session.course.client,
        detail={"group_session": group_session.pk, "attendance": session.attendance},
    )
    # A moderate or high risk rating opens the member's own risk flag, as in any session.
    raise_flags_for_session(session, by)


def unsigned_gaps(group_session: GroupSession, sessions: dict[int, Session]) -> list[str]:
    """What stops signing: the group note and every current member's attendance."""
    gaps = []
    if not group_session.group_process.strip():
        gaps.append("nothing written about the group process")
    gaps.extend(
        f"attendance not recorded for {s.course.client.given_name}"
        for s in sessions.values()
        if s.attendance == Attendance.SCHEDULED
    )
    # An autosave keeps a high rating typed before its note: it cannot be signed that way.
    gaps.extend(
        f"high risk rated for {s.course.client.given_name}: write what was done about it"
        for s in sessions.values()
        if s.risk_level == RiskLevel.HIGH and not s.note.strip()
    )
    # A member's session numbers follow the order their sessions were held, and a signed note's
    # number is frozen: the pre-group meeting (week 1) must be recorded before the group's.
    waiting = Session.objects.filter(
        course_id__in=[s.course_id for s in sessions.values()],
        planned_week=1,
        attendance=Attendance.SCHEDULED,
        voided_at=None,
    ).select_related("course__client")
    gaps.extend(f"pre-group meeting not recorded for {s.course.client.given_name}" for s in waiting)
    return gaps


@transaction.atomic
def sign_group_session(group_session: GroupSession, by) -> GroupSession:
    """Sign the group note and every attending member's entry (their own session note).

    A supervised signer's (trainee or non-specialist facilitator) member notes wait for their
    supervisor's co-signature, like any of their notes.
    """
    group_session = _lock(group_session)
    _require_facilitator(group_session.group, by)
    if group_session.is_signed:
        raise NotAllowed("This group session is already signed.")
    memberships = [
        m
        for m in Membership.objects.of_group(group_session.group)
        if m.left_on is None or m.left_on >= timezone.localdate(group_session.scheduled_for)
    ]
    sessions = member_sessions(group_session, memberships)
    gaps = unsigned_gaps(group_session, sessions)
    if gaps:
        raise NotSignable("Before signing: " + "; ".join(gaps) + ".")
    now = timezone.now()
    group_session.status = GroupNoteStatus.SIGNED
    group_session.signed_at = now
    group_session.signed_by = by
    group_session.version += 1
    group_session.save()
    signed = []
    for session in sessions.values():
        if session.attendance != Attendance.ATTENDED or session.is_signed:
            continue
        session = Session.objects.select_for_update().get(pk=session.pk)
        session.status = NoteStatus.SIGNED
        session.signed_at = now
        session.signed_by = by
        session.version += 1
        session.save()
        signed.append(session)
    trail.record_many(
        by,
        "session.sign",
        [(s, s.course.client_id) for s in signed],
        detail={"group_session": group_session.pk},
    )
    trail.record(by, "group_session.sign", group_session, detail={"members": len(signed)})
    return group_session
