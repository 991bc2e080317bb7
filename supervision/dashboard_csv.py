"""The dashboard's CSV: every filtered and sorted course, one query, read from the stored
flag state (``supervision.flag_state``, worked out afresh for any stale course before the
rows are read) and open risk read live; the export audited in one insert."""

from collections.abc import Iterator
from functools import lru_cache
from types import SimpleNamespace

from django.db.models import F

from accounts.models import User
from audit import trail
from cases.course_kinds import Adaptation
from cases.models import Client
from cases.outcomes import plan_for
from measures import instruments
from supervision import flag_state
from supervision.flags import Flag

STATE_COLUMNS = (
    "flags",
    "focal_area",
    "secondary_area",
    "depression_first",
    "depression_last",
    "outcome_summary",
)

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


_client_name = Client.full_name.fget
# ``Course.get_adaptation_display`` for hundreds of lines: the labels are plain text.
_ADAPTATION_LABELS = dict(Adaptation.choices)


@lru_cache(maxsize=256)
def _therapist_name(first_name: str, last_name: str, username: str) -> str:
    """``User.display_name`` (on an unsaved user: a few therapists, so once each)."""
    return User(first_name=first_name, last_name=last_name, username=username).display_name


class StoredRow:
    """One course of the CSV, from its row (annotated by ``dashboard_order.with_order_facts``
    and with ``ANNOTATIONS``)."""

    ANNOTATIONS = {
        "csv_record_number": F("client__record_number"),
        "csv_given_name": F("client__given_name"),
        "csv_family_name": F("client__family_name"),
        "csv_first_name": F("therapist__first_name"),
        "csv_last_name": F("therapist__last_name"),
        "csv_username": F("therapist__username"),
        **{f"csv_{name}": F(f"flag_state__{name}") for name in STATE_COLUMNS},
    }

    def __init__(self, course):
        self.course = course
        self.state = SimpleNamespace(
            **{name: getattr(course, f"csv_{name}") for name in STATE_COLUMNS}
        )

    @property
    def client_name(self) -> str:
        """``Client.full_name`` of the annotated names (its rule, without building a model)."""
        c = self.course
        return _client_name(
            SimpleNamespace(given_name=c.csv_given_name, family_name=c.csv_family_name)
        )

    @property
    def therapist_name(self) -> str:
        c = self.course
        return _therapist_name(c.csv_first_name, c.csv_last_name, c.csv_username)

    @property
    def flags(self) -> list[Flag]:
        return flag_state.flags_of(self.course, self.state.flags)

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
                course.csv_record_number,
                row.client_name,
                row.therapist_name,
                _ADAPTATION_LABELS.get(course.adaptation, course.adaptation),
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
