"""The dashboard's courses as querysets (``active_courses``), and the same queries prepared
(``cases.prepared_pages``: built once per process per filter, sort and day, run
with the request's values) for the page, its count and the notes awaiting co-signature."""

import datetime

from django.core.paginator import Paginator
from django.db.models import Count, F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import User
from cases.models import Course
from cases.models.clients import named_course_fields
from cases.models.courses import CourseStatus
from cases.prepared_pages import Prepared
from cases.prepared_queries import PreparedQuery
from measures.queries import open_risk_off_caseload
from sessions.models import AttendanceTally, Session
from supervision import dashboard_order, flag_state
from supervision.client_diary import IN_USE_DAYS, with_diary_use
from supervision.dashboard_csv import StoredRow
from supervision.phase_query import current_phase


def _chosen_courses(supervisor: User, therapist: int | None):
    courses = Course.objects.visible_to(supervisor).current().filter(status=CourseStatus.ACTIVE)
    return courses.filter(therapist_id=therapist) if therapist else courses


def with_stored_progress(courses, *, every_row: bool = False):
    """``CourseQuerySet.with_progress`` as the dashboard reads it: ``attended`` and the days of
    the first and last attended session from each course's stored tally
    (``sessions.tallies``, kept current in the transaction of every write to its attended
    sessions: what ``with_progress`` would count), not by three subqueries over the sessions
    of every course sorted; no row or export shows the next appointment.

    A page reads the tally by the course's key for its rows only (joined, PostgreSQL read
    every tally first); ``every_row`` (the CSV) joins it, cheaper for hundreds of rows."""
    if every_row:
        progress = {
            "attended": Coalesce(F("attendance_tally__attended"), Value(0)),
            "first_attended_on": F("attendance_tally__first_attended_on"),
            "last_attended_on": F("attendance_tally__last_attended_on"),
        }
    else:
        tally = AttendanceTally.objects.filter(course=OuterRef("pk"))
        progress = {
            "attended": Coalesce(Subquery(tally.values("attended")), Value(0)),
            "first_attended_on": Subquery(tally.values("first_attended_on")),
            "last_attended_on": Subquery(tally.values("last_attended_on")),
        }
    return courses.select_related("client", "therapist").annotate(**progress)


def active_courses(
    supervisor: User,
    therapist: int | None = None,
    phase: str | None = None,
    now: datetime.datetime | None = None,
    *,
    every_row: bool = False,
):
    """The supervisor's supervisees' active courses of clients not archived, with what their
    rows show (``with_stored_progress``), of one therapist and in one phase when asked.
    (``now`` is taken for the callers that pass the request's time; nothing here reads it.)"""
    courses = with_stored_progress(_chosen_courses(supervisor, therapist), every_row=every_row)
    if phase:
        courses = courses.alias(phase_now=current_phase()).filter(phase_now=phase)
    return courses.order_by("pk")


_SUPERVISEES = PreparedQuery(
    lambda user: User.objects.filter(supervisor=user).order_by("last_name", "first_name"),
    planned_once=True,
)


def supervisees(supervisor: User) -> list[User]:
    return _SUPERVISEES.list(user=supervisor)


# The shape of a dashboard query: (therapist chosen, phase, flag, today).


def _counted(chosen, phase, flag, today, *, user, now, therapist=None):
    lean = dashboard_order.with_order_facts(active_courses(user, therapist, phase, now), today)
    counted = dashboard_order.with_flag_bit(lean, flag).order_by()
    return lambda: counted.aggregate(
        count=Count("pk", filter=dashboard_order.flag_filter(flag)),
        stale=Count("pk", filter=flag_state.stale_q()),
    )


def sorted_courses(
    supervisor, therapist, phase, flag, today, key, descending, now=None, *, every_row=False
):
    """Every course of the filters in the order chosen, with their stored flag state."""
    scope = active_courses(supervisor, therapist, phase, now, every_row=every_row)
    lean = dashboard_order.with_order_facts(scope, today)
    courses = dashboard_order.filter_by_flag(lean, flag).select_related("flag_state")
    return courses.order_by(*dashboard_order.ordering(key, descending))


# What a dashboard row reads of its course, client, therapist and stored state
# (``supervision.dashboard_html``, ``supervision.dashboard.Row``, the audit of the page).
PAGE_FIELDS = (
    *named_course_fields(),
    "adaptation",
    "delivery",
    "planned_sessions",
    "status",
    "continues_course_id",
    "therapist__is_trainee",
    "flag_state__flags",
    "flag_state__focal_area",
    "flag_state__secondary_area",
    "flag_state__depression_first",
    "flag_state__depression_last",
    "flag_state__depression_series",
    "flag_state__outcome_summary",
    "flag_state__links",
)


def _page(chosen, phase, flag, today, key, descending, *, user, now, since, therapist=None):
    courses = sorted_courses(user, therapist, phase, flag, today, key, descending, now)
    return with_diary_use(courses, since=since).only(*PAGE_FIELDS)


def _csv(chosen, phase, flag, today, key, descending, *, user, now, therapist=None):
    courses = sorted_courses(
        user, therapist, phase, flag, today, key, descending, now, every_row=True
    )
    return (
        courses.select_related(None)
        .annotate(**StoredRow.ANNOTATIONS)
        .only(*(name for name in PAGE_FIELDS if "__" not in name))
    )


# Prepared statements of the connection on PostgreSQL (``planned_once``): the access rule and
# the stored state's subqueries took longer to plan than to run, on every request.
_COUNTED = Prepared(_counted, kind="aggregate", planned_once=True)
_PAGE = Prepared(_page, kind="page", planned_once=True)
_CSV = Prepared(_csv, planned_once=True)


def _therapist(therapist: int | None) -> dict:
    return {"therapist": therapist} if therapist else {}


def count_courses(supervisor: User, shape: tuple, therapist: int | None) -> dict:
    """``count`` (the courses of the filters) and ``stale`` (how many of them, whatever the
    flag, have no fresh stored flag state): one query."""
    row = _COUNTED.row(shape, user=supervisor, now=timezone.now(), **_therapist(therapist))
    return dict(zip(("count", "stale"), row, strict=True))


def csv_rows(supervisor: User, shape: tuple, therapist: int | None) -> list[StoredRow]:
    """Every course of the filters, sorted, as the CSV reads them: one query."""
    courses = _CSV.rows(shape, user=supervisor, now=timezone.now(), **_therapist(therapist))
    return [StoredRow(course) for course in courses]


class PreparedPaginator(Paginator):
    """Pages of the dashboard's courses, each read by its one prepared query."""

    def __init__(self, supervisor, shape: tuple, therapist, count: int, per_page: int, now):
        super().__init__([], per_page)
        self.count = count  # counted with the staleness check, in one query
        self._read = (supervisor, shape, therapist, now)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows = []
        if top > bottom:
            supervisor, shape, therapist, now = self._read
            since = now - datetime.timedelta(days=IN_USE_DAYS)
            rows = _PAGE.page(
                shape,
                offset=bottom,
                limit=top - bottom,
                user=supervisor,
                now=now,
                since=since,
                **_therapist(therapist),
            )
        return self._get_page(rows, number, self)


AWAITING_PAGE_SIZE = 10


# What the list shows of a note waiting (``supervision.dashboard_html.awaiting_html``).
AWAITING_FIELDS = (
    "number",
    "signed_at",
    *named_course_fields("course"),
)


def _awaiting(start: int, *, user):
    """The page from ``start``: first the page's ids among the notes waiting (a lean query
    on their index), then only those notes joined to their course, client and therapist (the
    joins over every note waiting made PostgreSQL hash every course and client)."""
    waiting = Session.objects.visible_to(user).awaiting_cosignature().order_by("signed_at", "pk")
    page = waiting.values("pk")[start : start + AWAITING_PAGE_SIZE + 1]
    return (
        Session.objects.filter(pk__in=page)
        .select_related("course__client", "course__therapist")
        .only(*AWAITING_FIELDS)
        .order_by("signed_at", "pk")
    )


# One shape per page start (few are ever read; the least used are dropped).
_AWAITING = Prepared(_awaiting, planned_once=True)


def awaiting_cosignature(supervisor: User, start: int) -> list[Session]:
    """The notes awaiting ``supervisor``'s co-signature from ``start`` on: one more than a page
    (to know whether another page follows)."""
    return _AWAITING.rows((start,), user=supervisor)


_CLOSED_RISK = Prepared(
    lambda user: open_risk_off_caseload(
        user, with_stored_progress(Course.objects.visible_to(user))
    ),
    planned_once=True,
)


def open_risk_on_closed_courses(supervisor: User) -> list[Course]:
    """``measures.queries.open_risk_off_caseload`` for the supervisor, the clinical end of each
    course from its stored tally (``with_stored_progress``)."""
    return _CLOSED_RISK.rows(user=supervisor)
