"""Which focal areas a session worked: the one rule, read by every page that answers it.

The supervisor's dashboard (its "several focal areas" and "middle session without focal work"
flags), the fidelity page's items and traps, and the dashboard's CSV all read the areas worked
from here, so a course is judged the same way on each.

The rule: a session worked an area when its note holds a focal-area record for that area with
at least one of that area's own prompts filled in. A ticked technique box alone is not focal
work (nothing says what was done), nor is an empty record, nor one whose only entries belong
to another area's prompts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from cases.focal_areas import FocalArea
from inventory import formulation_progress
from sessions.models import FocalAreaWork
from supervision.wording import listed

if TYPE_CHECKING:
    from supervision.fidelity_records import CourseRecords

# Every prompt field of every area, for loading the records' values in one query.
PROMPT_NAMES: tuple[str, ...] = tuple(
    dict.fromkeys(name for names in FocalAreaWork.PROMPT_FIELDS.values() for name in names)
)
AREA_LABELS: dict[str, str] = dict(FocalArea.choices)


def _filled(value: object) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return value not in (None, False)


def counts_as_work(area: str, values: Mapping[str, object]) -> bool:
    """Does a focal-area record for ``area`` with these field values count as work on it?"""
    return any(_filled(values.get(name)) for name in FocalAreaWork.PROMPT_FIELDS.get(area, ()))


def areas_worked(records: Iterable[Mapping[str, object]]) -> dict[int, set[str]]:
    """Per session id, the areas its focal-area records worked (``counts_as_work``).

    ``records`` are value rows with ``session_id``, ``area`` and the prompt fields."""
    worked: dict[int, set[str]] = {}
    for record in records:
        if counts_as_work(record["area"], record):
            worked.setdefault(record["session_id"], set()).add(record["area"])
    return worked


# The clinical day a version's focus was set: one rule with the course page's checklist.
chosen_on = formulation_progress.focus_chosen_on


def version_in_force(c: CourseRecords, row: dict):
    """The formulation version current when the session was held: the newest one chosen on or
    before its day; the first version for a session held before any was written."""
    on = row["held_on"]
    for version in c.versions:  # newest first
        if chosen_on(version) <= on:
            return version
    return c.versions[-1]


def focus_for(c: CourseRecords, row: dict) -> set[str]:
    """The primary and secondary area in force at the session; empty with no formulation."""
    if not c.versions:
        return set()
    version = version_in_force(c, row)
    return {version.primary_area, version.secondary_area} - {"", None}


def outside_focus(c: CourseRecords) -> list[tuple[dict, set[str]]]:
    """(session row, areas) for each session that worked an area outside the focus in force.

    With no formulation yet there is no focus to compare with: work on two or more areas across
    the course is the drift, and every session that worked an area is listed."""
    if not c.versions:
        every = set().union(*c.worked.values()) if c.worked else set()
        if len(every) < 2:
            return []
        return [(row, c.worked[row["id"]]) for row in c.sessions if c.worked.get(row["id"])]
    return [
        (row, outside)
        for row in c.sessions
        if (outside := c.worked.get(row["id"], set()) - focus_for(c, row))
    ]


def on_focus(c: CourseRecords, row: dict) -> set[str]:
    """The areas of the focus in force that the session worked (any area worked while there is
    no formulation yet)."""
    areas = c.worked.get(row["id"], set())
    focus = focus_for(c, row)
    return areas & focus if focus else areas


def middle_without_focus(c: CourseRecords) -> list[dict]:
    """Middle-phase sessions held that did not work the focus in force."""
    return [row for row in c.middle_rows() if not on_focus(c, row)]


def area_names(areas: Iterable[str]) -> str:
    return listed(sorted(AREA_LABELS.get(area, area).lower() for area in areas))
