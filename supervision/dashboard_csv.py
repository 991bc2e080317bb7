"""The dashboard's CSV: every filtered and sorted course, one query, read from the stored
flag state (``supervision.flag_state``, worked out afresh for any stale course before the
rows are read) and open risk read live; the export audited in one insert."""

from collections.abc import Iterator

from audit import trail
from cases.outcomes import plan_for
from measures import instruments
from supervision import flag_state
from supervision.flags import Flag

CSV_HEADER = [
    "Record number",
    "Client",
    "Therapist",
    "Adaptation",
    "Session",
    "Planned sessions",
    "Phase",
    "Primary focal area",
    "Secondary focal area",
    "Depression measure",
    "First score",
    "Latest score",
    "Outcome so far",
    "Open risk",
    "Flags",
]


class StoredRow:
    """One course of the CSV, from its row (annotated by ``dashboard_order.with_order_facts``,
    its flag state joined)."""

    def __init__(self, course):
        self.course = course
        self.state = course.flag_state

    @property
    def flags(self) -> list[Flag]:
        return flag_state.flags_of(self.course)

    @property
    def depression_label(self) -> str:
        return instruments.get(plan_for(self.course.adaptation).depression).short_name


def _cell(value) -> str | int:
    """Neutralise text a spreadsheet would run as a formula (names are typed by users)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


def record_export(supervisor, rows: list[StoredRow]) -> None:
    """One ``csv.export`` audit row per course exported (all in one insert), so each client's
    access report shows who took their data off the screen."""
    trail.record_many(
        supervisor,
        "csv.export",
        [(row.course, row.course.client_id) for row in rows],
        detail={"document": "supervision_dashboard"},
    )


def csv_lines(rows: list[StoredRow]) -> Iterator[list]:
    yield CSV_HEADER
    for row in rows:
        course, state = row.course, row.state
        yield [
            _cell(value)
            for value in (
                course.client.record_number,
                course.client.full_name,
                course.therapist.display_name,
                course.get_adaptation_display(),
                # The next session's number while the plan lasts; past it, the words, so
                # the export never reads "17 of 16".
                course.current_session_number if not course.all_planned_held else course.position,
                course.planned_sessions,
                course.phase_label,
                state.focal_area,
                state.secondary_area,
                row.depression_label,
                state.depression_first,
                state.depression_last,
                state.outcome_summary,
                "yes" if course.risk_open else "no",
                "; ".join(flag.label for flag in row.flags),
            )
        ]
