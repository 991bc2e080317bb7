"""The fidelity items of a maintenance course: what each monthly session must keep doing.

A maintenance course carries over the acute course's inventory and formulation and has no
initial phase, no weekly tasks and no focal-area worksheets (``cases.phases``); what its
supervisor checks is that every session looked for the early warning signs, went back over the
relapse-prevention plan and asked about suicidal thoughts, and that the inherited formulation
is one the client agreed.
"""

from collections.abc import Callable

from supervision.fidelity_ending import _relapse_plan
from supervision.fidelity_initial import _formulation_agreed
from supervision.fidelity_records import (
    DONE,
    MISSING,
    NOT_DUE,
    PARTIAL,
    CourseRecords,
    FidelityItem,
    numbers,
)


def _every_session(
    c: CourseRecords, key: str, label: str, done: Callable[[dict], bool], what: str
) -> FidelityItem:
    """Done when every attended session records ``what``; partly when some do."""
    if not c.sessions:
        return c.item(key, label, NOT_DUE, missing=f"Due in every session: {what}.")
    recorded = [row for row in c.sessions if done(row)]
    lacking = [row for row in c.sessions if not done(row)]
    evidence = [c.evidence(row, what) for row in recorded[-1:]]
    found = f"Recorded in {len(recorded)} of {len(c.sessions)} sessions held."
    if not lacking:
        return c.item(key, label, DONE, evidence, found)
    status = PARTIAL if recorded else MISSING
    return c.item(
        key, label, status, evidence, found, missing=f"Not recorded in {numbers(lacking)}."
    )


def _warning_signs(c: CourseRecords) -> FidelityItem:
    return _every_session(
        c,
        "warning_signs",
        "Early warning signs looked for",
        lambda row: bool(row["warning_signs_noticed"].strip()),
        "the early warning signs noticed",
    )


def _plan_reviewed(c: CourseRecords) -> FidelityItem:
    return _every_session(
        c,
        "plan_reviewed",
        "Relapse-prevention plan reviewed with the client",
        lambda row: bool(row["relapse_plan_reviewed"]),
        "the relapse plan reviewed",
    )


def _risk_each_session(c: CourseRecords) -> FidelityItem:
    return _every_session(
        c,
        "risk_each_session",
        "Suicidal thoughts asked about directly",
        lambda row: row["risk_asked"] is True,
        "the risk question asked",
    )


MAINTENANCE_ITEMS = (
    _formulation_agreed,
    _warning_signs,
    _plan_reviewed,
    _risk_each_session,
    _relapse_plan,
)
