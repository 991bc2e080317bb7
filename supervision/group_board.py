"""The supervisor's view of the groups their supervisees facilitate: one row per group, then
its members. Two queries, whatever the number of groups and members.

- **Attendance rate**: meetings attended / meetings recorded (attended, missed or apologies),
  over every member, pre-group meetings left out.
- **At risk**: the member's course has an open risk flag.
- **Not on track**: the member missed two or more group sessions, or their latest PHQ-9 is no
  lower than their first (with at least two recorded). Either way the supervisor should ask.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery

from audit import trail
from cases.prepared_queries import PreparedQuery
from groups.models import Membership, TherapyGroup
from measures.models import QuestionnaireResponse, RiskFlag
from sessions.models import Attendance

MISSED_LIMIT = 2
GROUP_WEEKS = Q(course__sessions__planned_week__gt=1, course__sessions__voided_at=None)
MISSED = [Attendance.DID_NOT_ATTEND, Attendance.CANCELLED_CLIENT]


@dataclass
class MemberLine:
    membership: Membership
    attended: int
    missed: int
    at_risk: bool
    first_phq9: int | None
    latest_phq9: int | None
    phq9_count: int

    @property
    def not_on_track_reasons(self) -> list[str]:
        reasons = []
        if self.missed >= MISSED_LIMIT:
            reasons.append(f"missed {self.missed} group sessions")
        if (
            self.phq9_count >= 2
            and self.latest_phq9 is not None
            and self.first_phq9 is not None
            and self.latest_phq9 >= self.first_phq9
        ):
            reasons.append(f"PHQ-9 not improving ({self.first_phq9} to {self.latest_phq9})")
        return reasons

    @property
    def on_track(self) -> bool:
        return not self.not_on_track_reasons


@dataclass
class GroupLine:
    group: TherapyGroup
    held: int
    members: list[MemberLine] = field(default_factory=list)

    @property
    def attendance_rate(self) -> int | None:
        attended = sum(m.attended for m in self.members)
        recorded = attended + sum(m.missed for m in self.members)
        return round(100 * attended / recorded) if recorded else None

    @property
    def at_risk(self) -> int:
        return sum(m.at_risk for m in self.members)

    @property
    def not_on_track(self) -> int:
        return sum(not m.on_track for m in self.members)


def _phq9(order: str):
    return Subquery(
        QuestionnaireResponse.objects.valid()
        .filter(course=OuterRef("course"), instrument="phq9")
        .order_by(*order.split(","))
        .values("total")[:1],
        output_field=IntegerField(),
    )


_GROUPS = PreparedQuery(
    lambda user: (
        TherapyGroup.objects.visible_to(user)
        .select_related("lead_facilitator", "co_facilitator")
        .annotate(held=Count("sessions", filter=Q(sessions__status="signed")))
        .order_by("first_session_on", "id")
    )
)


def group_board(supervisor) -> list[GroupLine]:
    """The groups ``supervisor`` may see, each with its current and former members (their
    query built and run only when there are groups)."""
    groups = _GROUPS.list(user=supervisor)
    if not groups:
        return []
    lines = {g.pk: GroupLine(group=g, held=g.held) for g in groups}
    members = (
        Membership.objects.filter(group_id__in=lines)
        .select_related("course__client")
        .annotate(
            attended=Count(
                "course__sessions",
                filter=GROUP_WEEKS & Q(course__sessions__attendance=Attendance.ATTENDED),
            ),
            missed=Count(
                "course__sessions", filter=GROUP_WEEKS & Q(course__sessions__attendance__in=MISSED)
            ),
            at_risk=Exists(RiskFlag.objects.open().filter(course=OuterRef("course"))),
            first_phq9=_phq9("completed_on,created_at"),
            latest_phq9=_phq9("-completed_on,-created_at"),
            phq9_count=Subquery(
                QuestionnaireResponse.objects.valid()
                .filter(course=OuterRef("course"), instrument="phq9")
                .values("course")
                .annotate(n=Count("id"))
                .values("n")[:1],
                output_field=IntegerField(),
            ),
        )
        .order_by("course__client__given_name", "id")
    )
    for m in members:
        lines[m.group_id].members.append(
            MemberLine(
                membership=m,
                attended=m.attended,
                missed=m.missed,
                at_risk=m.at_risk,
                first_phq9=m.first_phq9,
                latest_phq9=m.latest_phq9,
                phq9_count=m.phq9_count or 0,
            )
        )
    return list(lines.values())


def record_group_members_shown(supervisor, lines: list[GroupLine]) -> None:
    """One ``view`` audit row per group member on the dashboard, in one insert."""
    shown = [(m.membership.course, m.membership.course.client_id) for g in lines for m in g.members]
    if shown:
        trail.record_many(supervisor, "view", shown, detail={"page": "supervision_dashboard"})
