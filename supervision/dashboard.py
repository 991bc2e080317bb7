"""The supervisor's dashboard: their supervisees' active courses, with outcomes and flags.

A page costs the same queries for 1 course or 500: the courses (one annotated query, already
narrowed by therapist and phase in the database), their stored scores on their own measures
(``outcomes_for``: totals only, never answers), their sessions and the fidelity records the
traps read (``flags.facts_for``: the one rule for the areas worked among them), the
supervisees for the filter, and one page of the notes awaiting co-signature. The flags are rules in Python (``supervision.flags``), and the default order and
every tie read the number of flags, so filtering by flag and sorting happen on the facts of
every course; only the rows of the page shown draw their score trend.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django import forms
from django.http import QueryDict

from accounts.models import User
from audit import trail
from cases import ports
from cases.focal_areas import FocalArea
from cases.models import Course
from cases.models.courses import CourseStatus
from cases.phases import PHASE_LABELS, PHASES
from measures.queries import CourseOutcome, outcomes_for
from sessions.models import Session
from supervision import flags as flag_rules
from supervision.client_diary import with_diary_use
from supervision.flags import FLAGS, Flag
from supervision.phase_query import current_phase  # noqa: F401 - tests read it here
from supervision.sparkline import Sparkline, sparkline
from supervision.traps import Caught

PAGE_SIZE = 25


@dataclass
class Row:
    """One course of the dashboard with everything its table row shows."""

    course: Course
    outcome: CourseOutcome
    flags: list[Flag]
    # The traps tripped, by flag key, with the links to their evidence.
    caught: dict[str, Caught] = field(default_factory=dict)

    @cached_property
    def trend(self) -> Sparkline | None:
        """Drawn when the row is shown, not for every course sorted."""
        return sparkline(
            [r.total for r in self.outcome.depression_series],
            label=self.outcome.depression_label,
            maximum=self.outcome.depression_maximum,
        )

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
        links = []
        for flag in self.other_flags:
            caught = self.caught.get(flag.key)
            links.append((flag, caught.first_url if caught else ""))
        return links

    @property
    def risk_rank(self) -> int:
        return (self.course.risk_level or 1) if self.course.risk_open else 0

    @property
    def focal_area(self) -> str:
        return FocalArea(self.course.primary_area).label if self.course.primary_area else ""

    @property
    def secondary_area(self) -> str:
        return FocalArea(self.course.secondary_area).label if self.course.secondary_area else ""


# Filters -------------------------------------------------------------------------------------


def supervisees(supervisor: User) -> list[User]:
    return list(User.objects.filter(supervisor=supervisor).order_by("last_name", "first_name"))


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
    key: str
    label: str
    value: Callable[[Row], Any]  # None sorts last in either direction
    descending_first: bool = False


COLUMNS: tuple[Column, ...] = (
    Column(
        "client",
        "Client",
        lambda r: (r.course.client.family_name.lower(), r.course.client.given_name.lower()),
    ),
    Column("therapist", "Therapist", lambda r: r.course.therapist.display_name.lower()),
    Column("adaptation", "Adaptation", lambda r: r.course.get_adaptation_display()),
    Column("session", "Session", lambda r: r.course.current_session_number),
    Column("phase", "Phase", lambda r: PHASES.index(r.course.phase)),
    Column("focal", "Focal area", lambda r: r.focal_area or None),
    # The course's own depression measure (PHQ-9, PHQ-A or SMFQ), named in the cell.
    Column("phq9_first", "First score", lambda r: r.outcome.depression_first, True),
    Column("phq9_last", "Latest score", lambda r: r.outcome.depression_last, True),
    # Worst first; courses without enough data last.
    Column("outcome", "Outcome so far", lambda r: r.outcome.outcome.rank),
    Column("risk", "Risk", lambda r: r.risk_rank, True),
    Column("flags", "Flags", lambda r: len(r.flags), True),
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


def default_order(row: Row) -> tuple:
    """At-risk courses first (highest level first), then the most flagged, then by client."""
    client = row.course.client
    return (-row.risk_rank, -len(row.flags), client.family_name.lower(), client.given_name.lower())


def sort_rows(rows: list[Row], key: str, descending: bool) -> list[Row]:
    if not key:
        return sorted(rows, key=default_order)
    value = COLUMNS_BY_KEY[key].value
    known = [row for row in rows if value(row) is not None]
    unknown = [row for row in rows if value(row) is None]
    # Ties keep the default order, so equal values still list at-risk courses first.
    known = sorted(sorted(known, key=default_order), key=value, reverse=descending)
    return known + sorted(unknown, key=default_order)


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


def _chosen_courses(supervisor: User, therapist: int | None):
    courses = Course.objects.visible_to(supervisor).current().filter(status=CourseStatus.ACTIVE)
    return courses.filter(therapist_id=therapist) if therapist else courses


def active_courses(supervisor: User, therapist: int | None = None, phase: str | None = None):
    """The supervisor's supervisees' active courses of clients not archived, annotated for the
    flags (one query when evaluated), of one therapist and in one phase when asked."""
    courses = with_diary_use(flag_rules.with_flag_facts(_chosen_courses(supervisor, therapist)))
    if phase:
        courses = courses.alias(phase_now=current_phase()).filter(phase_now=phase)
    return courses.order_by("pk")


def active_course_ids(supervisor: User, therapist: int | None = None, phase: str | None = None):
    """The ids of ``active_courses`` as a lean subquery (no annotation but the attended count
    the phase filter needs), for the queries that read their records."""
    courses = _chosen_courses(supervisor, therapist)
    if phase:
        courses = courses.alias(attended=ports.book().progress()["attended"])
        courses = courses.alias(phase_now=current_phase()).filter(phase_now=phase)
    return courses.order_by().values("pk")


def build_rows(courses, course_ids=None) -> list[Row]:
    """Rows for the courses with their outcomes and flags, in a fixed number of queries. Given
    ``course_ids`` (a subquery of the courses' ids), the other queries read the ids from it,
    not from a list of hundreds of parameters."""
    courses = list(courses)
    outcomes = outcomes_for(courses, course_ids=course_ids)
    facts = flag_rules.facts_for(courses, outcomes, course_ids=course_ids)
    return [
        Row(
            course=course,
            outcome=outcomes[course.pk],
            flags=flag_rules.raised(facts[course.pk]),
            caught=facts[course.pk].caught,
        )
        for course in courses
    ]


@dataclass
class Dashboard:
    form: DashboardFilterForm
    rows: list[Row]
    sort: str  # the current ``sort`` parameter, "" for the default order
    columns: list[dict]
    filtered: bool


def build_dashboard(supervisor: User, params: QueryDict) -> Dashboard:
    """The dashboard for ``params`` (the request's GET): filtered, sorted, not yet paged."""
    form = DashboardFilterForm(params, therapists=supervisees(supervisor))
    chosen = form.filters()
    scope = (supervisor, chosen["therapist"], chosen["phase"])
    rows = build_rows(active_courses(*scope), active_course_ids(*scope))
    if chosen["flag"]:
        rows = [row for row in rows if chosen["flag"] in row.flag_keys]
    key, descending = parse_sort(params.get("sort"))
    return Dashboard(
        form=form,
        rows=sort_rows(rows, key, descending),
        sort=f"{'-' if descending else ''}{key}" if key else "",
        columns=column_headers(key, descending),
        filtered=any(chosen.values()),
    )


AWAITING_PAGE_SIZE = 10


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
    start = (number - 1) * AWAITING_PAGE_SIZE
    notes = list(
        Session.objects.visible_to(supervisor)
        .awaiting_cosignature()
        .select_related("course__client", "course__therapist")
        .order_by("signed_at", "pk")[start : start + AWAITING_PAGE_SIZE + 1]
    )
    has_next = len(notes) > AWAITING_PAGE_SIZE
    return AwaitingPage(notes[:AWAITING_PAGE_SIZE], number, has_next)


# CSV -----------------------------------------------------------------------------------------

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


def _cell(value) -> str | int:
    """Neutralise text a spreadsheet would run as a formula (names are typed by users)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


def record_export(supervisor: User, rows: list[Row]) -> None:
    """One ``csv.export`` audit row per course exported (all in one insert), so each client's
    access report shows who took their data off the screen."""
    trail.record_many(
        supervisor,
        "csv.export",
        [(row.course, row.course.client_id) for row in rows],
        detail={"document": "supervision_dashboard"},
    )


def record_shown(
    supervisor: User, rows: list[Row], awaiting: list[Session] = (), closed_risk: list = ()
) -> None:
    """One ``view`` audit row per client on the dashboard page (its rows, the notes awaiting
    co-signature and the open risk on closed courses), all in one insert."""
    shown = [(row.course, row.course.client_id) for row in rows]
    shown += [(note, note.course.client_id) for note in awaiting]
    shown += [(course, course.client_id) for course in closed_risk]
    trail.record_many(supervisor, "view", shown, detail={"page": "supervision_dashboard"})


def csv_lines(rows: list[Row]) -> Iterator[list]:
    yield CSV_HEADER
    for row in rows:
        course = row.course
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
                row.focal_area,
                row.secondary_area,
                row.outcome.depression_label,
                row.outcome.depression_first,
                row.outcome.depression_last,
                row.outcome.outcome.summary,
                "yes" if course.risk_open else "no",
                "; ".join(flag.label for flag in row.flags),
            )
        ]
