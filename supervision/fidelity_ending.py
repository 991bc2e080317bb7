"""The fidelity items of the termination phase: the ending prepared, the relapse-prevention plan."""

from django.utils import timezone

from cases.evidence import Evidence, session_url
from sessions.models import RelapsePreventionPlan
from supervision import traps
from supervision.fidelity_records import (
    DONE,
    MISSING,
    NOT_DUE,
    PARTIAL,
    CourseRecords,
    FidelityItem,
    listed,
    span,
)


def _termination_prepared(c: CourseRecords) -> FidelityItem:
    key, label = "termination_prepared", "Termination prepared"
    parts = (
        ("the sessions left discussed", lambda row: row["sessions_remaining_discussed"]),
        ("gains reviewed", lambda row: row["gains_reviewed"].strip()),
        ("feelings about ending discussed", lambda row: row["ending_feelings"].strip()),
    )
    evidence, absent = [], []
    for what, test in parts:
        row = c.first(test)
        if row is None:
            absent.append(what)
        else:
            evidence.append(c.evidence(row, what))
    evidence.sort(key=lambda e: (e.on or timezone.localdate(), e.where))
    # The "ending left late" trap's rule: not discussed before the last two sessions.
    late = traps.ending_left_late(c)
    late_note = ""
    if late and traps.ending_discussed(late[0][0]):
        late_note = (
            f"The ending was first discussed in session {late[0][0]['number']}, one of the last "
            "two: prepare it several sessions ahead."
        )
    if not late and not c.reached(c.first_termination):
        if not absent:
            return c.item(key, label, DONE, evidence)
        missing = (
            f"Still to come: {listed(absent)}."
            if evidence
            else f"Due in the termination phase ({span(c.termination_span)})."
        )
        return c.item(key, label, NOT_DUE, evidence, missing=missing)
    if absent:
        status = PARTIAL if evidence else MISSING
        missing = f"Not recorded in any session: {listed(absent)}."
        if late_note:
            missing = f"{missing} {late_note}"
        return c.item(key, label, status, evidence, missing=missing)
    if late_note:
        return c.item(key, label, PARTIAL, evidence, missing=late_note)
    return c.item(key, label, DONE, evidence)


def _relapse_plan(c: CourseRecords) -> FidelityItem:
    key, label = "relapse_plan", "Relapse-prevention plan"
    fields = RelapsePreventionPlan.TEXT_FIELDS
    plan = c.plan
    filled = [name for name in fields if plan and getattr(plan, name).strip()]
    names = {name: RelapsePreventionPlan._meta.get_field(name).verbose_name for name in fields}
    absent = [names[name] for name in fields if name not in filled]
    evidence = []
    if filled:
        termination = [row for row in c.sessions if c.phase_of(row) == "termination"]
        url = (
            session_url(termination[-1]["id"]) + "#plan-relapse"
            if termination
            else c.course.get_absolute_url()
        )
        evidence.append(
            Evidence(
                on=timezone.localdate(plan.updated_at),
                where=f"Relapse-prevention plan ({len(filled)} of {len(fields)} parts written)",
                url=url,
            )
        )
    if not absent:
        return c.item(key, label, DONE, evidence)
    if not c.reached(c.planned):
        missing = (
            f"In progress; still to write: {listed(absent)}."
            if filled
            else f"Due by the last session ({c.planned}), built up over the termination phase."
        )
        return c.item(key, label, NOT_DUE, evidence, missing=missing)
    if filled:
        return c.item(
            key, label, PARTIAL, evidence, missing=f"Missing from the plan: {listed(absent)}."
        )
    return c.item(key, label, MISSING, missing="No relapse-prevention plan was written.")
