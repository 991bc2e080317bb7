"""The supervisor's dashboard: their supervisees' active courses, with outcomes and flags.

The flags are rules in Python (``supervision.flags``) over each course's records; their results,
and the sort values they imply, are stored per course (``supervision.flag_state``, never stale
when read: docs/clinical-safety.md, H53), so the filter by flag, the default order, every
column's order, the count and the paging run in the database (``supervision.dashboard_order``)
and only the page shown is built. A page costs the same queries for 1 course or 500: the
supervisees for the filter, the count with the staleness check, the page's courses with their
stored state, their questionnaire totals (for the trend), and one page of the notes awaiting
co-signature. A stale course costs its first reader the rules' work, a fixed number of queries.
Those queries' SQL is built once per process per filter, sort and day
(``supervision.dashboard_queries``, ``cases.prepared_pages``) and the rows are written in
Python (``supervision.dashboard_html``).
"""

import datetime
from dataclasses import dataclass
from functools import cached_property
from types import SimpleNamespace
from typing import Any

from django import forms
from django.core.paginator import Page
from django.http import QueryDict
from django.utils import timezone

from accounts.models import User
from audit import trail
from cases.models import Course
from cases.outcomes import plan_for
from cases.phases import PHASE_LABELS
from measures import instruments
from sessions.models import Session
from supervision import dashboard_order, flag_state
from supervision.dashboard_csv import StoredRow
from supervision.dashboard_queries import (  # noqa: F401 - others read them here
    AWAITING_PAGE_SIZE,
    PreparedPaginator,
    active_courses,
    awaiting_cosignature,
    count_courses,
    csv_rows,
    supervisees,
)
from supervision.flags import FLAGS, Flag
from supervision.phase_query import current_phase  # noqa: F401 - tests read it here too
from supervision.sparkline import Sparkline, sparkline

PAGE_SIZE = 25


class StoredOutcome:
    """What a row shows of its course's outcome, read from the stored flag state (the values
    ``measures.queries.outcomes_for`` gave when the state was worked out, fresh when read:
    H53): first and latest depression score, every depression total for the trend, and the
    classification's summary; the measure's name and scale from the course's measure plan."""

    def __init__(self, course: Course):
        state = course.flag_state
        depression = instruments.get(plan_for(course.adaptation).depression)
        self.depression_label: str = depression.short_name
        self.depression_maximum: int = depression.max_total
        self.depression_first: int | None = state.depression_first
        self.depression_last: int | None = state.depression_last
        self.depression_totals: list[int] = state.depression_series or []
        self.outcome = SimpleNamespace(summary=state.outcome_summary)


@dataclass
class Row:
    """One course of the dashboard with everything its table row shows: its flags and their
    evidence links, its scores, outcome and trend from its stored flag state
    (``supervision.flag_state``, never stale when read), open risk live."""

    course: Course
    outcome: StoredOutcome

    @cached_property
    def trend(self) -> Sparkline | None:
        """Drawn when the row is shown, not for every course sorted."""
        return sparkline(
            self.outcome.depression_totals,
            label=self.outcome.depression_label,
            maximum=self.outcome.depression_maximum,
        )

    @cached_property
    def flags(self) -> list[Flag]:
        return flag_state.flags_of(self.course)

    @property
    def flag_keys(self) -> set[str]:
        return {flag.key for flag in self.flags}

    @property
    def other_flags(self) -> list[Flag]:
        """The flags besides open risk, which has its own column."""
        return [flag for flag in self.flags if flag.key != "risk"]

    @property
    def flag_links(self) -> list[tuple[Flag, str]]:
        """The other flags, each with the link to its first evidence ("" for none): a trap
        opens the session or record where it shows."""
        links = self.course.flag_state.links or {}
        return [(flag, links.get(flag.key, "")) for flag in self.other_flags]

    @property
    def focal_area(self) -> str:
        return self.course.flag_state.focal_area

    @property
    def secondary_area(self) -> str:
        return self.course.flag_state.secondary_area


# Filters -------------------------------------------------------------------------------------


class DashboardFilterForm(forms.Form):
    """Therapist, phase and flag (GET, so every view of the dashboard is a bookmarkable URL)."""

    therapist = forms.TypedChoiceField(
        label="Therapist", required=False, coerce=int, empty_value=None
    )
    phase = forms.ChoiceField(
        label="Phase",
        required=False,
        choices=[("", "All phases"), *PHASE_LABELS.items()],
    )
    flag = forms.ChoiceField(
        label="Flag",
        required=False,
        choices=[("", "Any course"), *((flag.key, flag.label) for flag in FLAGS)],
    )

    def __init__(self, data: QueryDict, *, therapists: list[User]):
        super().__init__(data)
        self.fields["therapist"].choices = [
            ("", "All therapists"),
            *((t.pk, t.display_name) for t in therapists),
        ]

    def filters(self) -> dict[str, Any]:
        """The valid filters; a malformed one is ignored rather than failing the page."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data.get(name) or None for name in ("therapist", "phase", "flag")}


# Sorting -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A sortable column; its order is in the database (``supervision.dashboard_order``)."""

    key: str
    label: str
    descending_first: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("client", "Client"),
    Column("therapist", "Therapist"),
    Column("adaptation", "Adaptation"),
    Column("session", "Session"),
    Column("phase", "Phase"),
    Column("focal", "Focal area"),
    # The course's own depression measure (PHQ-9, PHQ-A or SMFQ), named in the cell.
    Column("phq9_first", "First score", True),
    Column("phq9_last", "Latest score", True),
    # Worst first; courses without enough data last.
    Column("outcome", "Outcome so far"),
    Column("risk", "Risk", True),
    Column("flags", "Flags", True),
)
COLUMNS_BY_KEY = {column.key: column for column in COLUMNS}


def parse_sort(value: str | None) -> tuple[str, bool]:
    """(column key, descending) from ``?sort=key`` or ``?sort=-key``; ("", False) for the
    default order or anything not on the whitelist."""
    value = (value or "").strip()
    descending = value.startswith("-")
    key = value.removeprefix("-")
    if key not in COLUMNS_BY_KEY:
        return "", False
    return key, descending


def column_headers(key: str, descending: bool) -> list[dict]:
    """Each column's label, the ``sort`` value its header link asks for, and its aria-sort."""
    headers = []
    for column in COLUMNS:
        current = column.key == key
        next_descending = not descending if current else column.descending_first
        headers.append(
            {
                "key": column.key,
                "label": column.label,
                "sort": f"-{column.key}" if next_descending else column.key,
                "aria_sort": ("descending" if descending else "ascending") if current else "",
            }
        )
    return headers


# Building ------------------------------------------------------------------------------------


def build_rows(courses) -> list[Row]:
    """The rows of one page (courses annotated by ``active_courses`` and
    ``dashboard_order.with_order_facts``, their flag state joined): no further query."""
    return [Row(course=course, outcome=StoredOutcome(course)) for course in courses]


@dataclass
class Dashboard:
    """The filtered and sorted courses: ``page`` builds the rows of one page (its one prepared
    query, ``supervision.dashboard_queries``), ``csv_rows`` reads every row from the stored
    flag state."""

    supervisor: User
    form: DashboardFilterForm
    chosen: dict[str, Any]
    today: datetime.date
    key: str  # the column sorted by, "" for the default order
    descending: bool
    count: int
    sort: str  # the current ``sort`` parameter, "" for the default order
    columns: list[dict]
    filtered: bool

    @property
    def shape(self) -> tuple:
        """What decides the SQL of the page's query."""
        chosen = self.chosen
        return (bool(chosen["therapist"]), chosen["phase"], chosen["flag"], self.today)

    def page(self, number: str | None) -> Page:
        """Page ``number`` with its rows built (scores, trend, flags and their evidence)."""
        paginator = PreparedPaginator(
            self.supervisor,
            (*self.shape, self.key, self.descending),
            self.chosen["therapist"],
            self.count,
            PAGE_SIZE,
            timezone.now(),
        )
        page = paginator.get_page(number)
        page.object_list = build_rows(page.object_list)
        return page

    def csv_rows(self) -> list[StoredRow]:
        """Every row, one query: courses only, what the CSV reads of the client, therapist and
        stored state annotated (hundreds of rows: no model built but the course)."""
        shape = (*self.shape, self.key, self.descending)
        return csv_rows(self.supervisor, shape, self.chosen["therapist"])


def build_dashboard(supervisor: User, params: QueryDict) -> Dashboard:
    """The dashboard for ``params`` (the request's GET): filtered and sorted in the database
    (``supervision.dashboard_order``) from the stored flag state, worked out first for any
    course whose state is stale (``supervision.flag_state``): the count and the staleness
    check are one query over every course of the filters but the flag, so a stale course
    is never left out by the flag it used to have."""
    form = DashboardFilterForm(params, therapists=supervisees(supervisor))
    chosen = form.filters()
    key, descending = parse_sort(params.get("sort"))
    board = Dashboard(
        supervisor=supervisor,
        form=form,
        chosen=chosen,
        today=timezone.localdate(),
        key=key,
        descending=descending,
        count=0,
        sort=f"{'-' if descending else ''}{key}" if key else "",
        columns=column_headers(key, descending),
        filtered=any(chosen.values()),
    )
    counted = count_courses(supervisor, board.shape, chosen["therapist"])
    board.count = counted["count"]
    if counted["stale"]:
        scope = (supervisor, chosen["therapist"], chosen["phase"])
        lean = dashboard_order.with_order_facts(active_courses(*scope), board.today)
        if flag_state.refresh(lean):
            flag = chosen["flag"]
            board.count = dashboard_order.filter_by_flag(lean, flag).order_by().count()
    return board


@dataclass
class AwaitingPage:
    """One page of the notes awaiting co-signature, oldest first; no count query (one more
    row than shown is read to know whether another page follows)."""

    notes: list[Session]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def first_shown(self) -> int:
        return (self.number - 1) * AWAITING_PAGE_SIZE + 1

    @property
    def last_shown(self) -> int:
        return self.first_shown + len(self.notes) - 1


def notes_awaiting_cosignature(supervisor: User, page: str | None = None) -> AwaitingPage:
    """Trainees' signed notes waiting for the supervisor's co-signature, oldest first: page
    ``page`` (1 when missing or not a number)."""
    try:
        number = max(int(page or 1), 1)
    except ValueError:
        number = 1
    notes = awaiting_cosignature(supervisor, (number - 1) * AWAITING_PAGE_SIZE)
    has_next = len(notes) > AWAITING_PAGE_SIZE
    return AwaitingPage(notes[:AWAITING_PAGE_SIZE], number, has_next)


def record_shown(
    supervisor: User, rows: list[Row], awaiting: list[Session] = (), closed_risk: list = ()
) -> None:
    """One ``view`` audit row per client on the dashboard page (its rows, the notes awaiting
    co-signature and the open risk on closed courses), all in one insert."""
    shown = [(row.course, row.course.client_id) for row in rows]
    shown += [(note, note.course.client_id) for note in awaiting]
    shown += [(course, course.client_id) for course in closed_risk]
    trail.record_many(supervisor, "view", shown, detail={"page": "supervision_dashboard"})
