"""The initial-phase checklist: what IPT asks of sessions 1-3, and where each step was recorded.

Session steps come from one query over the course's attended sessions; the inventory and the
formulation answer through their own evidence functions.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from cases.evidence import Evidence, session_url
from inventory import formulation_progress
from inventory import progress as inventory_progress
from sessions.schedule import read_sessions

# (Session boolean field, checklist label)
SESSION_STEPS: list[tuple[str, str]] = [
    ("diagnosis_given", "Diagnosis given"),
    ("psychoeducation_given", "Psychoeducation: depression as a medical condition"),
    ("sick_role_explained", "Sick role explained"),
    ("risk_asked", "Suicide risk asked about"),
]


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: str
    evidence: Evidence | None
    # Begun but not done (a formulation shared that the client did not agree to), and what
    # to do next.
    pending: Evidence | None = None
    next_step: str = ""

    @property
    def done(self) -> bool:
        return self.evidence is not None


def _rows_read(course, fields: list[str]) -> list[dict] | None:
    """The rows ``_session_evidence`` asks for, from the sessions the page already read
    (``course_sessions``), in the query's order; None when not read or when a held time is
    missing (the databases order a missing one differently: the query decides)."""
    sessions = read_sessions(course)
    if sessions is None:
        return None
    attended = [s for s in sessions if s.is_attended and any(getattr(s, f) for f in fields)]
    if any(s.held_at is None for s in attended):
        return None
    attended.sort(key=lambda s: (s.held_at, s.scheduled_for, s.pk))
    return [
        {"id": s.pk, "number": s.number, "held_at": s.held_at, "scheduled_for": s.scheduled_for}
        | {f: getattr(s, f) for f in fields}
        for s in attended
    ]


def _session_evidence(course) -> dict[str, Evidence]:
    fields = [name for name, _ in SESSION_STEPS]
    rows = _rows_read(course, fields)
    if rows is None:
        any_step = Q()
        for name in fields:
            any_step |= Q(**{name: True})
        rows = (
            course.sessions.attended()
            .filter(any_step)
            .order_by("held_at", "scheduled_for", "id")
            .values("id", "number", "held_at", "scheduled_for", *fields)
        )
    found: dict[str, Evidence] = {}
    for row in rows:
        when = row["held_at"] or row["scheduled_for"]
        for name in fields:
            if row[name] and name not in found:
                found[name] = Evidence(
                    on=timezone.localdate(when),
                    where=f"Session {row['number']}" if row["number"] else "Session note",
                    url=session_url(row["id"]),
                )
    return found


def initial_phase_checklist(course) -> list[ChecklistItem]:
    sessions = _session_evidence(course)
    items = [ChecklistItem(name, label, sessions.get(name)) for name, label in SESSION_STEPS]
    items += [
        ChecklistItem(
            "inventory_taken",
            "Interpersonal inventory taken",
            inventory_progress.inventory_taken(course),
        ),
        ChecklistItem(
            "focal_area_chosen",
            "Focal area chosen",
            formulation_progress.focal_area_chosen(course),
        ),
        ChecklistItem(
            "formulation_shared",
            "Formulation shared and agreed with the client",
            formulation_progress.formulation_shared(course),
            pending=formulation_progress.formulation_shared_not_agreed(course),
            next_step="Revise it with the client until they recognise it, then share the "
            "new version.",
        ),
    ]
    return items
