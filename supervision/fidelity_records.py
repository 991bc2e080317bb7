"""What the fidelity items and the traps read: courses' records, loaded in a fixed number of queries.

One query each for the attended sessions, the focal-area work, the communication analyses, the
role plays, the people linked to mood changes, the inventory completions, the formulation
versions and the relapse-prevention plans, whatever the courses' length and however many
courses are read at once (``load_many``: the supervisor's dashboard reads a page of courses
through it). Also the statuses an item can have, and the small text helpers that turn session
numbers into readable sentences.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import DateTimeField, Exists, OuterRef
from django.db.models.functions import Coalesce, TruncDate
from django.urls import reverse
from django.utils import timezone

from cases.evidence import Evidence, session_url
from cases.models.courses import CourseStatus
from cases.phases import course_phase_spans
from inventory.formulation_progress import VERSION_SUMMARY_FIELDS
from inventory.models import Formulation, InventoryCompletion
from measures.models import QuestionnaireResponse
from sessions.models import (
    Attendance,
    CommunicationAnalysis,
    FocalAreaWork,
    RelapsePreventionPlan,
    RolePlay,
    Session,
)
from supervision.focal_work import PROMPT_NAMES, areas_worked
from supervision.wording import count, listed, numbers, span  # noqa: F401 - read by the items

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
    "course_id",
    "number",
    "status",
    "held_at",
    "scheduled_for",
    "diagnosis_given",
    "sick_role_explained",
    "psychoeducation_given",
    "risk_asked",
    "techniques",
    "task_review",
    "next_task",
    "sessions_remaining_discussed",
    "gains_reviewed",
    "ending_feelings",
    # A maintenance course's note (``sessions.models.MAINTENANCE_NOTE_FIELDS``).
    "warning_signs_noticed",
    "relapse_plan_reviewed",
)
# What the traps and flags read of a session (``load_many(..., for_flags=True)``).
FLAG_SESSION_FIELDS = tuple(name for name in SESSION_FIELDS if name != "techniques")


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
    versions: list  # newest first
    plan: RelapsePreventionPlan | None
    # Sessions that named a person from the inventory in the mood changes since the last one.
    mood_linked: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        self._middle_rows: list[dict] | None = None
        self.planned = self.course.planned_sessions
        self.held = len(self.sessions)
        self.by_id = {row["id"]: row for row in self.sessions}
        # Records of a session that has no number (should not happen) are left out.
        self.focal_work = [w for w in self.focal_work if w["session_id"] in self.by_id]
        self.analyses = [a for a in self.analyses if a["session_id"] in self.by_id]
        self.role_play_sessions = [s for s in self.role_play_sessions if s in self.by_id]
        # Per session id, the focal areas it worked: the one rule (``supervision.focal_work``).
        self.worked = areas_worked(self.focal_work)
        spans = {
            phase: (first, last)
            for phase, first, last in course_phase_spans(self.planned, self.course.is_maintenance)
        }
        # The initial phase is sessions 1-3 of a standard course, shorter in a short one; a
        # maintenance course has none (0).
        self.initial_end = spans["initial"][1] if "initial" in spans else 0
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
        return self.course.phase_of(row["number"])

    def evidence(self, row: dict, what: str = "") -> Evidence:
        where = f"Session {row['number']}" + (f": {what}" if what else "")
        return Evidence(on=row["held_on"], where=where, url=session_url(row["id"]))

    def middle_rows(self) -> list[dict]:
        """The middle-phase sessions held (worked out once: several rules read them)."""
        if self._middle_rows is None:
            self._middle_rows = [row for row in self.sessions if self.phase_of(row) == "middle"]
        return self._middle_rows

    def first(self, test) -> dict | None:
        return next((row for row in self.sessions if test(row)), None)

    def item(self, key, label, status, evidence=(), found="", missing="") -> FidelityItem:
        status_label = STATUS_LABELS[status]
        if status == NOT_DUE and self.closed:
            status_label = "Not reached"
        return FidelityItem(key, label, status, list(evidence), found, missing, status_label)


def _inventory_evidence(completion: InventoryCompletion) -> Evidence:
    return Evidence(
        on=completion.completed_on,
        where=f"Interpersonal inventory ({completion.people_count} people)",
        url=reverse("inventory:page", args=[completion.course_id]),
    )


def _grouped(rows: Iterable, key) -> dict[int, list]:
    grouped: dict[int, list] = defaultdict(list)
    for row in rows:
        grouped[key(row)].append(row)
    return grouped


def _flag_session_facts() -> dict:
    """What the flags ask of each attended session, as EXISTS annotations on the session rows
    (each on an index of the session): a valid questionnaire linked to it, or completed
    without a link on the day it was held; a role play (recorded, or a communication analysis
    role-played); people from the inventory linked to the mood changes."""
    valid = QuestionnaireResponse.objects.valid()
    held_on = TruncDate(
        Coalesce(OuterRef("held_at"), OuterRef("scheduled_for"), output_field=DateTimeField())
    )
    return {
        "questionnaire_linked": Exists(valid.filter(session=OuterRef("pk"))),
        "questionnaire_same_day": Exists(
            valid.filter(session__isnull=True, course=OuterRef("course_id"), completed_on=held_on)
        ),
        "role_played": Exists(RolePlay.objects.filter(session=OuterRef("pk")))
        | Exists(CommunicationAnalysis.objects.filter(session=OuterRef("pk"), role_played=True)),
        "mood_linked": Exists(
            Session.people_involved.through.objects.filter(session=OuterRef("pk"))
        ),
    }


def load_many(
    courses: Iterable, *, for_flags: bool = False, course_ids=None
) -> dict[int, "CourseRecords"]:
    """The records of every course in ``courses``, by course id: eight queries in all, whatever
    the number of courses or their length. Never call it per row of a list.

    ``for_flags``: only what the traps and the dashboard's flags read, for every active course
    of a supervisor at once (three queries): no inventory evidence, no relapse-prevention plan,
    no techniques (JSON); the session rows say what the flags ask of each session
    (``_flag_session_facts``), so role plays and the people linked to mood come from them and
    ``analyses`` stays empty. ``course_ids``:
    a subquery giving (at least) the courses' ids, for a long list (no ids sent as parameters).
    """
    courses = list(courses)
    if not courses:
        return {}
    ids = [course.pk for course in courses] if course_ids is None else course_ids
    attended = {
        "session__course_id__in": ids,
        "session__voided_at__isnull": True,
        "session__attendance": Attendance.ATTENDED,
    }
    sessions = Session.objects.attended().filter(course_id__in=ids, number__isnull=False)
    if for_flags:
        sessions = sessions.values(*FLAG_SESSION_FIELDS, **_flag_session_facts())
    else:
        sessions = sessions.values(*SESSION_FIELDS)
    rows = list(sessions.order_by("course_id", "number"))
    # The clinical day of each session, worked out once (rules compare it many times).
    zone = timezone.get_current_timezone()
    for row in rows:
        row["held_on"] = (row["held_at"] or row["scheduled_for"]).astimezone(zone).date()
    sessions = _grouped(rows, lambda row: row["course_id"])
    focal_work = _grouped(
        FocalAreaWork.objects.filter(**attended).values(
            "session__course_id", "session_id", "area", *PROMPT_NAMES
        ),
        lambda row: row["session__course_id"],
    )
    if for_flags:
        # Read from the session rows (``_flag_session_facts``): every role play, whether
        # recorded as one or as a communication analysis role-played, among the role plays.
        analyses: dict[int, list] = {}
        role_plays = _grouped(
            ((row["course_id"], row["id"]) for row in rows if row["role_played"]),
            lambda row: row[0],
        )
        linked = _grouped(
            ((row["course_id"], row["id"]) for row in rows if row["mood_linked"]),
            lambda row: row[0],
        )
    else:
        analyses = _grouped(
            CommunicationAnalysis.objects.filter(**attended).values(
                "session__course_id", "session_id", "role_played"
            ),
            lambda row: row["session__course_id"],
        )
        role_plays = _grouped(
            RolePlay.objects.filter(**attended).values_list("session__course_id", "session_id"),
            lambda row: row[0],
        )
        linked = _grouped(
            Session.people_involved.through.objects.filter(
                session__course_id__in=ids,
                session__voided_at__isnull=True,
                session__attendance=Attendance.ATTENDED,
            ).values_list("session__course_id", "session_id"),
            lambda row: row[0],
        )
    inventories = (
        {}
        if for_flags
        else {
            completion.course_id: _inventory_evidence(completion)
            for completion in InventoryCompletion.objects.filter(course_id__in=ids)
        }
    )
    versions = _grouped(
        Formulation.objects.filter(course_id__in=ids)
        .order_by("course_id", "-number")
        .only(*VERSION_SUMMARY_FIELDS),
        lambda version: version.course_id,
    )
    plans = (
        {}
        if for_flags
        else {
            plan.course_id: plan for plan in RelapsePreventionPlan.objects.filter(course_id__in=ids)
        }
    )
    return {
        course.pk: CourseRecords(
            course=course,
            sessions=sessions.get(course.pk, []),
            focal_work=focal_work.get(course.pk, []),
            analyses=analyses.get(course.pk, []),
            role_play_sessions=[session_id for _, session_id in role_plays.get(course.pk, [])],
            inventory=inventories.get(course.pk),
            versions=versions.get(course.pk, []),
            plan=plans.get(course.pk),
            mood_linked={session_id for _, session_id in linked.get(course.pk, [])},
        )
        for course in courses
    }


def load(course) -> CourseRecords:
    return load_many([course])[course.pk]


def techniques(row: dict) -> set[str]:
    """The techniques a session row ticked (tolerating a malformed JSON value)."""
    value = row["techniques"]
    return set(value) if isinstance(value, list) else set()
