"""One member's view of their group: what their own record (course page, PDF) shows.

Reads only this member's own sessions and entries, and of the group only its schedule and the
group-level note, redacted for this member. Four queries, whatever the group's size.
"""

from dataclasses import dataclass

from cases.models import Course
from groups.models import GroupSession, Membership
from groups.redaction import OtherMember, redact_for
from sessions.models import Session


@dataclass(frozen=True)
class MemberRow:
    group_session: GroupSession
    theme: str
    exercises: str
    group_process: str
    session: Session | None  # the member's own session for this meeting
    problem_area_work: str


@dataclass(frozen=True)
class MemberRecord:
    membership: Membership
    rows: list[MemberRow]

    @property
    def held_rows(self) -> list[MemberRow]:
        """Meetings with something recorded: this member's attendance, or a group note."""
        return [
            row
            for row in self.rows
            if (row.session is not None and row.session.attendance != "scheduled")
            or row.group_session.is_signed
        ]

    @property
    def group(self):
        return self.membership.group


def member_record(course: Course) -> MemberRecord | None:
    """The group part of ``course``'s record, or None when the course is not a group member's.

    The caller has already read ``course`` through its access path.
    """
    membership = (
        Membership.objects.filter(course=course)
        .select_related("group__lead_facilitator", "group__co_facilitator")
        .first()
    )
    if membership is None:
        return None
    others = [
        OtherMember(
            first_name=row["course__client__preferred_name"] or row["course__client__given_name"],
            given_name=row["course__client__given_name"],
            family_name=row["course__client__family_name"],
            record_number=row["course__client__record_number"],
        )
        for row in Membership.objects.filter(group_id=membership.group_id)
        .exclude(pk=membership.pk)
        .values(
            "course__client__preferred_name",
            "course__client__given_name",
            "course__client__family_name",
            "course__client__record_number",
        )
    ]
    own = {
        s.planned_week: s
        for s in Session.objects.filter(course=course, planned_week__gt=1, voided_at=None)
        .select_related("group_entry")
        .order_by("id")
    }
    rows = []
    for gs in GroupSession.objects.filter(group_id=membership.group_id).order_by("number"):
        gs.group = membership.group
        session = own.get(gs.member_week)
        entry = getattr(session, "group_entry", None) if session is not None else None
        rows.append(
            MemberRow(
                group_session=gs,
                theme=redact_for(gs.theme, others),
                exercises=redact_for(gs.exercises, others),
                group_process=redact_for(gs.group_process, others),
                session=session,
                problem_area_work=entry.problem_area_work if entry else "",
            )
        )
    return MemberRecord(membership=membership, rows=rows)
