"""What the fidelity items read: a course's records, loaded once in a fixed number of queries.

One query each for the attended sessions, the focal-area work, the communication analyses, the
role plays, the inventory completion, the formulation versions and the relapse-prevention plan,
whatever the course's length. Also the statuses an item can have, and the small text helpers
that turn session numbers into readable sentences.
"""

from dataclasses import dataclass, field

from django.utils import timezone

from cases.evidence import Evidence, session_url
from cases.models.courses import CourseStatus
from cases.phases import phase_for, phase_spans
from inventory import formulation_progress
from inventory import progress as inventory_progress
from sessions.models import (
    Attendance,
    CommunicationAnalysis,
    FocalAreaWork,
    RelapsePreventionPlan,
    RolePlay,
)

DONE = "done"
PARTIAL = "partial"
MISSING = "missing"
NOT_DUE = "not_due"

STATUS_LABELS: dict[str, str] = {
    DONE: "Done",
    PARTIAL: "Partly done",
    MISSING: "Missing",
    NOT_DUE: "Not yet due",
}

SESSION_FIELDS = (
    "id",
    "number",
    "held_at",
    "scheduled_for",
    "diagnosis_given",
    "sick_role_explained",
    "techniques",
    "next_task",
    "sessions_remaining_discussed",
    "gains_reviewed",
    "ending_feelings",
)


@dataclass(frozen=True)
class FidelityItem:
    key: str
    label: str
    status: str
    evidence: list[Evidence] = field(default_factory=list)
    # What was found, in one line (e.g. "A task was agreed in 7 of 9 attended sessions").
    found: str = ""
    # What is missing, in one plain sentence; empty when nothing is.
    missing: str = ""
    status_label: str = ""

    @property
    def done(self) -> bool:
        return self.status == DONE


@dataclass
class CourseRecords:
    """Everything the items read, loaded once."""

    course: object
    sessions: list[dict]
    focal_work: list[dict]
    analyses: list[dict]
    role_play_sessions: list[int]
    inventory: Evidence | None
    versions: list
    plan: RelapsePreventionPlan | None

    def __post_init__(self) -> None:
        self.planned = self.course.planned_sessions
        self.held = len(self.sessions)
        self.by_id = {row["id"]: row for row in self.sessions}
        # Records of a session that has no number (should not happen) are left out.
        self.focal_work = [w for w in self.focal_work if w["session_id"] in self.by_id]
        self.analyses = [a for a in self.analyses if a["session_id"] in self.by_id]
        self.role_play_sessions = [s for s in self.role_play_sessions if s in self.by_id]
        spans = {phase: (first, last) for phase, first, last in phase_spans(self.planned)}
        # The initial phase is sessions 1-3 of a standard course, shorter in a short one.
        self.initial_end = spans["initial"][1]
        self.middle_span = spans.get("middle")
        self.termination_span = spans.get("termination")
        self.first_termination = (
            self.termination_span[0] if self.termination_span else self.planned + 1
        )
        self.closed = not self.course.is_open

    def reached(self, number: int) -> bool:
        """Has the course got past session ``number``? A completed course has reached its end."""
        return self.held >= number or self.course.status == CourseStatus.COMPLETED

    def phase_of(self, row: dict) -> str:
        return phase_for(row["number"], self.planned)

    def evidence(self, row: dict, what: str = "") -> Evidence:
        when = row["held_at"] or row["scheduled_for"]
        where = f"Session {row['number']}" + (f": {what}" if what else "")
        return Evidence(on=timezone.localdate(when), where=where, url=session_url(row["id"]))

    def middle_rows(self) -> list[dict]:
        return [row for row in self.sessions if self.phase_of(row) == "middle"]

    def first(self, test) -> dict | None:
        return next((row for row in self.sessions if test(row)), None)

    def item(self, key, label, status, evidence=(), found="", missing="") -> FidelityItem:
        status_label = STATUS_LABELS[status]
        if status == NOT_DUE and self.closed:
            status_label = "Not reached"
        return FidelityItem(key, label, status, list(evidence), found, missing, status_label)


def load(course) -> CourseRecords:
    attended = {
        "session__course": course,
        "session__voided_at__isnull": True,
        "session__attendance": Attendance.ATTENDED,
    }
    return CourseRecords(
        course=course,
        sessions=list(
            course.sessions.attended()
            .filter(number__isnull=False)
            .order_by("number")
            .values(*SESSION_FIELDS)
        ),
        focal_work=list(FocalAreaWork.objects.filter(**attended).values("session_id", "area")),
        analyses=list(
            CommunicationAnalysis.objects.filter(**attended).values("session_id", "role_played")
        ),
        role_play_sessions=list(
            RolePlay.objects.filter(**attended).values_list("session_id", flat=True)
        ),
        inventory=inventory_progress.inventory_taken(course),
        versions=formulation_progress.formulation_versions(course),
        plan=RelapsePreventionPlan.objects.filter(course=course).first(),
    )


def numbers(rows: list[dict]) -> str:
    """'session 6', 'sessions 6 and 8', 'sessions 4, 6 and 8'."""
    labels = [str(row["number"]) for row in sorted(rows, key=lambda row: row["number"])]
    if len(labels) == 1:
        return f"session {labels[0]}"
    return f"sessions {', '.join(labels[:-1])} and {labels[-1]}"


def count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def listed(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} and {parts[-1]}"


def span(span: tuple[int, int] | None) -> str:
    if span is None:
        return "none in a course this short"
    first, last = span
    return f"sessions {first}-{last}" if last != first else f"session {first}"


def techniques(row: dict) -> set[str]:
    """The techniques a session row ticked (tolerating a malformed JSON value)."""
    value = row["techniques"]
    return set(value) if isinstance(value, list) else set()
