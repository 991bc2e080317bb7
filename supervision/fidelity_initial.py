"""The fidelity items of the initial phase: diagnosis and sick role, psychoeducation, the risk
question, the inventory before the focus, and the formulation agreed with the client.

Where a trap (``supervision.traps``) watches the same step, the item reads the trap's rule, so
the fidelity page and the supervisor's dashboard never disagree on it.
"""

from django.urls import reverse

from cases.evidence import Evidence
from supervision import traps
from supervision.fidelity_records import (
    DONE,
    MISSING,
    NOT_DUE,
    PARTIAL,
    CourseRecords,
    FidelityItem,
    listed,
)
from supervision.focal_work import chosen_on


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
def _initial_step(
    c: CourseRecords, key: str, label: str, field: str, what: str, rule
) -> FidelityItem:
    """An initial-phase step recorded as a yes on a session note: done when recorded by the end
    of the initial phase; the trap's ``rule`` decides when it is late or missing."""
    first = c.first(lambda row: row[field] is True)
    evidence = [c.evidence(first, what)] if first else []
    hits = rule(c)
    if not hits:
        if first is not None:
            return c.item(key, label, DONE, evidence)
        missing = f"Not recorded yet. Expected by session {c.initial_end}."
        return c.item(key, label, NOT_DUE, missing=missing)
    if first is not None:
        missing = (
            f"First recorded in session {first['number']}, after the initial phase "
            f"(sessions 1-{c.initial_end})."
        )
        return c.item(key, label, PARTIAL, evidence, missing=missing)
    missing = f"No session note of the initial phase records {what}."
    return c.item(key, label, MISSING, missing=missing)


def _psychoeducation(c: CourseRecords) -> FidelityItem:
    return _initial_step(
        c,
        "psychoeducation",
        "Psychoeducation: depression explained as a treatable illness",
        "psychoeducation_given",
        "psychoeducation given",
        traps.psychoeducation_missing,
    )


def _risk_question(c: CourseRecords) -> FidelityItem:
    return _initial_step(
        c,
        "risk_question",
        "Suicidal thoughts asked about directly",
        "risk_asked",
        "the risk question asked",
        traps.risk_question_missing,
    )


def focus_chosen_evidence(c: CourseRecords, version) -> Evidence:
    return Evidence(
        on=chosen_on(version),
        where=f"Formulation v{version.number}: focus {version.get_primary_area_display().lower()}",
        url=reverse("formulation:version", args=[c.course.pk, version.number]),
    )


def _inventory_before_focus(c: CourseRecords) -> FidelityItem:
    key, label = "inventory_first", "Inventory taken before the focal area was chosen"
    first_version = c.versions[-1] if c.versions else None
    evidence = [c.inventory] if c.inventory else []
    if first_version is not None:
        evidence.append(focus_chosen_evidence(c, first_version))
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
    chosen_day = chosen_on(first_version)
    if c.inventory is None:
        missing = (
            f"A focal area was chosen on {chosen_day:%d %b %Y} with no completed inventory: "
            "the focus may be wrong."
        )
        return c.item(key, label, MISSING, evidence, missing=missing)
    if c.inventory.on and c.inventory.on > chosen_day:
        missing = (
            f"The focal area was chosen on {chosen_day:%d %b %Y}, before the inventory was "
            f"completed on {c.inventory.on:%d %b %Y}."
        )
        return c.item(key, label, PARTIAL, evidence, missing=missing)
    return c.item(key, label, DONE, evidence)


def _formulation_agreed(c: CourseRecords) -> FidelityItem:
    """Done when the latest version shared with the client was agreed: an earlier agreement
    no longer counts once a revision was shared without it (the trap's rule)."""
    key, label = "formulation_agreed", "Formulation shared with the client and agreed"
    shared = [version for version in c.versions if version.shared_on]

    def shared_evidence(version) -> Evidence:
        agreed = "client agreed" if version.client_agreed else "agreement not recorded"
        return Evidence(
            on=version.shared_on,
            where=f"Formulation v{version.number} shared ({agreed})",
            url=reverse("formulation:version", args=[c.course.pk, version.number]),
        )

    agreed = traps.agreed_version(c)
    if agreed is not None:
        found = ""
        if c.versions[0].number > agreed.number and not c.versions[0].shared_on:
            found = f"The current version, v{c.versions[0].number}, has not been shared yet."
        return c.item(key, label, DONE, [shared_evidence(agreed)], found)
    if shared:
        evidence = [shared_evidence(version) for version in shared]
        earlier = next((version for version in shared if version.client_agreed), None)
        missing = "The formulation was shared, but the client's agreement is not recorded."
        if earlier is not None:
            missing = (
                f"The client agreed to v{earlier.number}, but the revision shared later, "
                f"v{shared[0].number}, has no agreement recorded."
            )
        if not traps.formulation_not_agreed(c):
            missing += f" Expected by session {c.initial_end}."
            return c.item(key, label, NOT_DUE, evidence, missing=missing)
        return c.item(key, label, PARTIAL, evidence, missing=missing)
    if not c.reached(c.initial_end):
        missing = f"Not shared yet. Expected by session {c.initial_end}."
        return c.item(key, label, NOT_DUE, missing=missing)
    if c.versions:
        missing = "A formulation is written but has not been shared with the client."
    else:
        missing = "No formulation has been written or shared by the end of the initial phase."
    return c.item(key, label, MISSING, missing=missing)
