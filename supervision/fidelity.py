"""A course's IPT structure read back from its records: what was done, where, and what is missing.

Each item answers with a status, the evidence (when, where, a link to the record) and one plain
sentence on what is missing. An item whose point in the course has not been reached is "not yet
due": a course at session 3 is not missing its termination work. The records are loaded once,
in a fixed number of queries (``supervision.fidelity_records``); never call this per row of a list.
"""

from django.urls import reverse
from django.utils import timezone

from cases.evidence import Evidence, session_url
from cases.focal_areas import FocalArea
from inventory import formulation_progress
from sessions.models import RelapsePreventionPlan
from supervision.fidelity_records import (
    DONE,
    MISSING,
    NOT_DUE,
    PARTIAL,
    STATUS_LABELS,
    CourseRecords,
    FidelityItem,
    count,
    listed,
    load,
    numbers,
    span,
    techniques,
)

__all__ = ["DONE", "MISSING", "NOT_DUE", "PARTIAL", "STATUS_LABELS", "FidelityItem"]

# The technique each focal area's own work is recorded under in ``Session.techniques``.
FOCAL_TECHNIQUES: dict[str, str] = {
    FocalArea.GRIEF: "grief_work",
    FocalArea.ROLE_DISPUTE: "role_dispute_resolution",
    FocalArea.ROLE_TRANSITION: "role_transition_support",
    FocalArea.INTERPERSONAL_DEFICITS: "interpersonal_deficits_work",
}
AREA_OF_TECHNIQUE: dict[str, str] = {
    technique: area for area, technique in FOCAL_TECHNIQUES.items()
}
AREA_LABELS: dict[str, str] = dict(FocalArea.choices)


# ---- the items -----------------------------------------------------------------------------


def _diagnosis_and_sick_role(c: CourseRecords) -> FidelityItem:
    label = "Diagnosis given and sick role explained"
    diagnosis = c.first(lambda row: row["diagnosis_given"])
    sick_role = c.first(lambda row: row["sick_role_explained"])
    evidence = []
    if diagnosis:
        evidence.append(c.evidence(diagnosis, "diagnosis given"))
    if sick_role:
        evidence.append(c.evidence(sick_role, "sick role explained"))
    absent = [
        what
        for what, row in (
            ("the diagnosis given", diagnosis),
            ("the sick role explained", sick_role),
        )
        if row is None
    ]
    if not absent:
        return c.item("diagnosis_sick_role", label, DONE, evidence)
    if not c.reached(c.initial_end):
        missing = f"Not recorded yet: {listed(absent)}. Expected by session {c.initial_end}."
        return c.item("diagnosis_sick_role", label, NOT_DUE, evidence, missing=missing)
    status = PARTIAL if evidence else MISSING
    missing = f"No session note records {listed(absent)}."
    return c.item("diagnosis_sick_role", label, status, evidence, missing=missing)


# The clinical day a version's focus was set (shared on an earlier day than it was typed in:
# the day it was shared). One rule with the course page's checklist.
_chosen_on = formulation_progress.focus_chosen_on


def _focus_chosen_evidence(c: CourseRecords, version) -> Evidence:
    return Evidence(
        on=_chosen_on(version),
        where=f"Formulation v{version.number}: focus {version.get_primary_area_display().lower()}",
        url=reverse("formulation:version", args=[c.course.pk, version.number]),
    )


def _inventory_before_focus(c: CourseRecords) -> FidelityItem:
    key, label = "inventory_first", "Inventory taken before the focal area was chosen"
    first_version = c.versions[-1] if c.versions else None
    evidence = [c.inventory] if c.inventory else []
    if first_version is not None:
        evidence.append(_focus_chosen_evidence(c, first_version))
    if first_version is None:
        if not c.reached(c.initial_end):
            found = "Inventory complete; no focal area chosen yet." if c.inventory else ""
            missing = (
                "" if c.inventory else f"No inventory yet. Expected by session {c.initial_end}."
            )
            return c.item(key, label, NOT_DUE, evidence, found, missing)
        if c.inventory:
            missing = "The inventory is complete but no focal area has been chosen from it."
            return c.item(key, label, PARTIAL, evidence, missing=missing)
        missing = "Neither an interpersonal inventory nor a focal area is recorded."
        return c.item(key, label, MISSING, evidence, missing=missing)
    chosen_on = _chosen_on(first_version)
    if c.inventory is None:
        missing = (
            f"A focal area was chosen on {chosen_on:%d %b %Y} with no completed inventory: "
            "the focus may be wrong."
        )
        return c.item(key, label, MISSING, evidence, missing=missing)
    if c.inventory.on and c.inventory.on > chosen_on:
        missing = (
            f"The focal area was chosen on {chosen_on:%d %b %Y}, before the inventory was "
            f"completed on {c.inventory.on:%d %b %Y}."
        )
        return c.item(key, label, PARTIAL, evidence, missing=missing)
    return c.item(key, label, DONE, evidence)


def _version_in_force(c: CourseRecords, row: dict):
    """The formulation version current when the session was held (the first one before it)."""
    on = timezone.localdate(row["held_at"] or row["scheduled_for"])
    for version in c.versions:  # newest first
        if _chosen_on(version) <= on:
            return version
    return c.versions[-1]


def _areas_worked(c: CourseRecords) -> dict[int, set[str]]:
    """Per session id, the focal areas it worked: from worksheets and from ticked techniques."""
    worked: dict[int, set[str]] = {}
    for work in c.focal_work:
        worked.setdefault(work["session_id"], set()).add(work["area"])
    for row in c.sessions:
        ticked = {AREA_OF_TECHNIQUE[t] for t in techniques(row) if t in AREA_OF_TECHNIQUE}
        if ticked:
            worked.setdefault(row["id"], set()).update(ticked)
    return worked


def _focus_for(c: CourseRecords, row: dict) -> set[str]:
    """The primary and secondary area in force at the session; empty with no formulation."""
    if not c.versions:
        return set()
    version = _version_in_force(c, row)
    return {version.primary_area, version.secondary_area} - {""}


def _area_names(areas: set[str]) -> str:
    return listed(sorted(AREA_LABELS.get(area, area).lower() for area in areas))


def _one_focal_area(c: CourseRecords) -> FidelityItem:
    key, label = "one_focus", "One focal area"
    if not c.versions:
        status = MISSING if c.reached(c.initial_end) else NOT_DUE
        missing = "No focal area has been chosen." + (
            "" if status == MISSING else f" Expected by session {c.initial_end}."
        )
        return c.item(key, label, status, missing=missing)
    current = c.versions[0]
    evidence = [_focus_chosen_evidence(c, current)]
    worked = _areas_worked(c)
    outside = [
        (row, worked[row["id"]] - _focus_for(c, row))
        for row in c.sessions
        if worked.get(row["id"], set()) - _focus_for(c, row)
    ]
    focus = _area_names({current.primary_area})
    if current.secondary_area:
        focus += f", with {_area_names({current.secondary_area})} as secondary"
    found = f"Focus: {focus}. " + (
        f"Focal-area work recorded in {count(len(worked), 'session')}."
        if worked
        else "No focal-area work recorded in a session yet."
    )
    if not outside:
        return c.item(key, label, DONE, evidence, found)
    for row, areas in outside:
        evidence.append(c.evidence(row, f"{_area_names(areas)} work, outside the focus"))
    missing = (
        f"Work on an area outside the formulation's focus was recorded in "
        f"{numbers([row for row, _ in outside])}: keep to the agreed area, or revise the "
        "formulation with the client."
    )
    return c.item(key, label, PARTIAL, evidence, found, missing)


def _formulation_agreed(c: CourseRecords) -> FidelityItem:
    key, label = "formulation_agreed", "Formulation shared with the client and agreed"
    shared = [version for version in c.versions if version.shared_on]

    def shared_evidence(version) -> Evidence:
        agreed = "client agreed" if version.client_agreed else "agreement not recorded"
        return Evidence(
            on=version.shared_on,
            where=f"Formulation v{version.number} shared ({agreed})",
            url=reverse("formulation:version", args=[c.course.pk, version.number]),
        )

    agreed = next((version for version in shared if version.client_agreed), None)
    if agreed is not None:
        found = ""
        if c.versions[0].number > agreed.number and not c.versions[0].shared_on:
            found = f"The current version, v{c.versions[0].number}, has not been shared yet."
        return c.item(key, label, DONE, [shared_evidence(agreed)], found)
    if shared:
        missing = "The formulation was shared, but the client's agreement is not recorded."
        return c.item(key, label, PARTIAL, [shared_evidence(shared[0])], missing=missing)
    if not c.reached(c.initial_end):
        missing = f"Not shared yet. Expected by session {c.initial_end}."
        return c.item(key, label, NOT_DUE, missing=missing)
    if c.versions:
        missing = "A formulation is written but has not been shared with the client."
    else:
        missing = "No formulation has been written or shared by the end of the initial phase."
    return c.item(key, label, MISSING, missing=missing)


def _focal_techniques(c: CourseRecords) -> FidelityItem:
    """Middle sessions that worked the focus in force (any area while there is no formulation);
    work on another area is the "one focal area" item's concern."""
    key, label = "focal_techniques", "Focal-area techniques in the middle phase"
    middle = c.middle_rows()
    if not middle:
        missing = f"The middle phase ({span(c.middle_span)}) has not started."
        return c.item(key, label, NOT_DUE, missing=missing)
    worked = _areas_worked(c)
    evidence, without = [], []
    for row in middle:
        areas = worked.get(row["id"], set())
        focus = _focus_for(c, row)
        on_focus = areas & focus if focus else areas
        if on_focus:
            evidence.append(c.evidence(row, f"{_area_names(on_focus)} work"))
        else:
            without.append(row)
    found = (
        f"Work on the focal area in {len(evidence)} of {len(middle)} middle-phase sessions held."
    )
    if not without:
        return c.item(key, label, DONE, evidence, found)
    missing = f"No work on the focal area is recorded in {numbers(without)}."
    return c.item(key, label, PARTIAL if evidence else MISSING, evidence, found, missing)


def _communication_and_role_play(c: CourseRecords) -> FidelityItem:
    key, label = "communication_role_play", "Communication analysis and role play"
    records = [
        (c.by_id[a["session_id"]], "communication analysis, alternatives role-played")
        if a["role_played"]
        else (c.by_id[a["session_id"]], "communication analysis")
        for a in c.analyses
    ] + [(c.by_id[session_id], "role play") for session_id in c.role_play_sessions]
    records.sort(key=lambda pair: pair[0]["number"])
    evidence = [c.evidence(row, what) for row, what in records]
    has_role_play = bool(c.role_play_sessions) or any(a["role_played"] for a in c.analyses)
    analyses = (
        "1 communication analysis"
        if len(c.analyses) == 1
        else f"{len(c.analyses)} communication analyses"
    )
    found = f"{analyses} and {count(len(c.role_play_sessions), 'role play')} recorded."
    absent = [
        what
        for what, done in (("communication analysis", c.analyses), ("role play", has_role_play))
        if not done
    ]
    if not absent:
        return c.item(key, label, DONE, evidence, found)
    ticked = [
        row for row in c.sessions if {"communication_analysis", "role_play"} & techniques(row)
    ]
    note = (
        f" Ticked as used in {numbers(ticked)}, with nothing written down about it."
        if ticked and not evidence
        else ""
    )
    if not c.reached(c.first_termination - 1):
        missing = (
            f"Not recorded yet: {listed(absent)}. Expected during the middle phase "
            f"({span(c.middle_span)}).{note}"
        )
        return c.item(key, label, NOT_DUE, evidence, found, missing)
    missing = f"No {listed(absent)} recorded in the course.{note}"
    return c.item(key, label, PARTIAL if evidence else MISSING, evidence, found, missing)


def _weekly_tasks(c: CourseRecords) -> FidelityItem:
    key, label = "weekly_tasks", "Weekly interpersonal tasks"
    with_task = [row for row in c.sessions if row["next_task"].strip()]
    evidence = [c.evidence(row, "task agreed") for row in with_task]
    found = f"A task was agreed in {len(with_task)} of {count(c.held, 'attended session')}."
    middle = c.middle_rows()
    if not middle:
        missing = f"Tasks are expected every week of the middle phase ({span(c.middle_span)})."
        return c.item(key, label, NOT_DUE, evidence, found, missing)
    without = [row for row in middle if not row["next_task"].strip()]
    if not without:
        return c.item(key, label, DONE, evidence, found)
    status = MISSING if len(without) == len(middle) else PARTIAL
    missing = f"No interpersonal task was agreed in middle-phase {numbers(without)}."
    return c.item(key, label, status, evidence, found, missing)


def _termination_prepared(c: CourseRecords) -> FidelityItem:
    key, label = "termination_prepared", "Termination prepared"
    parts = (
        ("the sessions left discussed", lambda row: row["sessions_remaining_discussed"]),
        ("gains reviewed", lambda row: row["gains_reviewed"].strip()),
        ("feelings about ending discussed", lambda row: row["ending_feelings"].strip()),
    )
    evidence, absent = [], []
    first_raised = None
    for what, test in parts:
        row = c.first(test)
        if row is None:
            absent.append(what)
        else:
            evidence.append(c.evidence(row, what))
            if what.startswith("the sessions left"):
                first_raised = row
    evidence.sort(key=lambda e: (e.on or timezone.localdate(), e.where))
    if not c.reached(c.first_termination):
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
        return c.item(key, label, status, evidence, missing=missing)
    if first_raised and first_raised["number"] >= c.planned:
        missing = (
            f"The ending was first raised in session {first_raised['number']}, the last one: "
            "prepare it several sessions ahead."
        )
        return c.item(key, label, PARTIAL, evidence, missing=missing)
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


ITEMS = (
    _diagnosis_and_sick_role,
    _inventory_before_focus,
    _one_focal_area,
    _formulation_agreed,
    _focal_techniques,
    _communication_and_role_play,
    _weekly_tasks,
    _termination_prepared,
    _relapse_plan,
)


def fidelity_items(course) -> list[FidelityItem]:
    """The IPT structure of ``course``, item by item, from its records."""
    records = load(course)
    return [build(records) for build in ITEMS]


def status_counts(items: list[FidelityItem]) -> list[tuple[str, str, int]]:
    """(label, status, how many) for each status present, in the order of ``STATUS_LABELS``."""
    return [
        (next(i.status_label for i in items if i.status == status), status, n)
        for status in STATUS_LABELS
        if (n := sum(1 for item in items if item.status == status))
    ]
