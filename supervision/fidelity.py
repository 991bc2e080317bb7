"""A course's IPT structure read back from its records: what was done, where, and what is missing.

Each item answers with a status, the evidence (when, where, a link to the record) and one plain
sentence on what is missing. An item whose point in the course has not been reached is "not yet
due": a course at session 3 is not missing its termination work. The items live by phase
(``fidelity_initial``, ``fidelity_middle``, ``fidelity_ending``); the traps a supervisor looks
for are a table (``supervision.traps``) read from the same records and the same rules. The
records are loaded once, in a fixed number of queries (``supervision.fidelity_records``); never
call this per row of a list.
"""

from dataclasses import dataclass

from supervision import traps
from supervision.fidelity_ending import _relapse_plan, _termination_prepared
from supervision.fidelity_initial import (
    _diagnosis_and_sick_role,
    _formulation_agreed,
    _inventory_before_focus,
    _psychoeducation,
    _risk_question,
)
from supervision.fidelity_maintenance import MAINTENANCE_ITEMS
from supervision.fidelity_middle import (
    _communication_and_role_play,
    _focal_techniques,
    _one_focal_area,
    _weekly_tasks,
)
from supervision.fidelity_records import (
    DONE,
    MISSING,
    NOT_DUE,
    PARTIAL,
    STATUS_LABELS,
    FidelityItem,
    load,
)

__all__ = ["DONE", "MISSING", "NOT_DUE", "PARTIAL", "STATUS_LABELS", "FidelityItem"]

ITEMS = (
    _diagnosis_and_sick_role,
    _psychoeducation,
    _risk_question,
    _inventory_before_focus,
    _one_focal_area,
    _formulation_agreed,
    _focal_techniques,
    _communication_and_role_play,
    _weekly_tasks,
    _termination_prepared,
    _relapse_plan,
)


@dataclass(frozen=True)
class FidelityReview:
    items: list[FidelityItem]
    caught: list[traps.Caught]


def fidelity_review(course) -> FidelityReview:
    """The items and the traps tripped, from one load of the course's records."""
    records = load(course)
    items = MAINTENANCE_ITEMS if course.is_maintenance else ITEMS
    return FidelityReview([build(records) for build in items], traps.caught(records))


def fidelity_items(course) -> list[FidelityItem]:
    """The IPT structure of ``course``, item by item, from its records."""
    return fidelity_review(course).items


def status_counts(items: list[FidelityItem]) -> list[tuple[str, str, int]]:
    """(label, status, how many) for each status present, in the order of ``STATUS_LABELS``."""
    return [
        (next(i.status_label for i in items if i.status == status), status, n)
        for status in STATUS_LABELS
        if (n := sum(1 for item in items if item.status == status))
    ]
