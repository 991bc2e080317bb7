"""The caseload: the user's courses, with risk, outcome and returned notes beside each."""

from django.db.models import Case, Q, Value, When
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from audit import trail
from cases import ports
from cases.caseload_filters import CaseloadFilterForm
from cases.models import Course
from cases.models.courses import current_q
from cases.prepared_queries import PreparedQuery
from cases.views.lookups import HtmxHttpRequest
from ipt_site.pages.caseload_rows import caseload_rows
from measures.mania import with_mania_screen
from measures.on_track import on_track_for
from measures.queries import (
    closed_risk_details,
    on_a_caseload_q,
    open_risk_off_caseload,
    with_open_risk,
)
from supervision.review_history import returned_to

# What the rows (``caseload_rows``: ``Course.phase``, ``position``), the phase filter, the
# on-track rule (``on_track_for``) and the panel of open risk on closed courses
# (cases/panels/open_risk_closed.html: ``clinical_end``, the client archived, the therapist
# gone) read of a course, its client and its therapist: only these are loaded (a caseload is
# 30 or more rows, a supervisor's hundreds).
ROW_FIELDS = (
    "client_id",
    "therapist_id",
    "adaptation",
    "delivery",
    "planned_sessions",
    "status",
    "continues_course_id",
    "end_reason",
    "ended_on",
    "client__record_number",
    "client__given_name",
    "client__family_name",
    "client__preferred_name",
    "client__archived_at",
    "therapist__username",
    "therapist__first_name",
    "therapist__last_name",
    "therapist__is_active",
)


def _listed(user, now):
    """The courses ``user`` may see, with the progress their rows show (``with_progress``'s
    attended sessions and next appointment; not the dates a list of closed courses needs)."""
    progress = ports.book().progress(now)
    return (
        Course.objects.visible_to(user)
        .select_related("client", "therapist")
        .annotate(attended=progress["attended"], next_appointment=progress["next_appointment"])
    )


def _rows(courses):
    return (
        with_mania_screen(with_open_risk(courses))
        .only(*ROW_FIELDS)
        .order_by("client__family_name", "client__given_name", "pk")
    )


def _page(user, now):
    """The caseload's rows and the courses off every caseload with open risk
    (``open_risk_off_caseload``) in one query: each row says which it is (``on_caseload``,
    ``off_caseload_risk``; a course of a therapist who has left can be both). Only the second
    kind reads what its panel shows (``closed_risk_details``, the attended dates its
    ``clinical_end`` reads, as ``closed_first_on``/``closed_last_on``)."""
    progress = ports.book().progress(now)
    off = Q(risk_open=True) & ~on_a_caseload_q()
    current = current_q()

    def if_off(value):
        return Case(When(off_caseload_risk=True, then=value))

    closed = closed_risk_details() | {
        "closed_first_on": progress["first_attended_on"],
        "closed_last_on": progress["last_attended_on"],
    }
    return (
        _rows(_listed(user, now))
        .filter(current | off)
        .annotate(
            on_caseload=Case(When(current, then=Value(True)), default=Value(False)),
            off_caseload_risk=Case(When(off, then=Value(True)), default=Value(False)),
        )
        .annotate(**{name: if_off(value) for name, value in closed.items()})
    )


def _split(rows) -> tuple[list, list]:
    """``_page``'s rows as (the caseload, in its order; the closed courses with open risk, in
    ``measures.queries.CLOSED_RISK_ORDER``: the highest level first, then the longest open,
    then by id; tests/cases/test_caseload_page_query.py compares both with their queries)."""
    courses = [row for row in rows if row.on_caseload]
    closed = [row for row in rows if row.off_caseload_risk]
    for row in closed:
        row.first_attended_on, row.last_attended_on = row.closed_first_on, row.closed_last_on
    closed.sort(key=lambda row: (-row.risk_level, row.risk_raised_at, row.pk))
    return courses, closed


# Without a search, the course queries run SQL built once per process
# (``cases.prepared_queries``); a search builds its own.
CASELOAD_QUERY = PreparedQuery(lambda user, now: _rows(_listed(user, now).current()))
PAGE_QUERY = PreparedQuery(_page)
CLOSED_RISK_QUERY = PreparedQuery(
    lambda user, now: open_risk_off_caseload(
        user, Course.objects.visible_to(user).with_progress(now)
    )
)
RETURNED_QUERY = PreparedQuery(lambda user: returned_to(user))


@require_GET
def caseload(request: HtmxHttpRequest) -> HttpResponse:
    """The courses on the user's caseload (a supervisor: their supervisees'), searchable by
    client and filterable by phase. One query for the rows however many there are."""
    filters = CaseloadFilterForm(request.GET)
    text, phase = filters.filters()
    now = timezone.now()
    closed_risk = None
    if text.strip():
        courses = list(_rows(_listed(request.user, now).current().search(text)))
    elif request.htmx:
        courses = CASELOAD_QUERY.list(user=request.user, now=now)
    else:
        # The whole page: its rows and the closed courses with open risk, in one query.
        courses, closed_risk = _split(PAGE_QUERY.list(user=request.user, now=now))
    on_track_for(courses)  # sets course.outcome_facts (not on track) in one more query
    if phase:
        # The phase comes from the annotated attended count: filtering here costs no query.
        courses = [c for c in courses if c.phase == phase]
    show_therapist = not request.user.is_therapist
    context = {
        "filters": filters,
        "courses": courses,
        # The rows are written in Python (``caseload_rows``), as their template would.
        "course_rows": caseload_rows(courses, show_therapist),
        "searching": bool(text or phase),
        "show_therapist": show_therapist,
    }
    shown = [(course, course.client_id) for course in courses]
    if not request.htmx:
        if closed_risk is None:
            closed_risk = CLOSED_RISK_QUERY.list(user=request.user, now=now)
        context["closed_risk"] = closed_risk
        shown += [(course, course.client_id) for course in context["closed_risk"]]
    if not request.htmx and request.user.is_therapist:
        # Notes the supervisor sent back: the therapist should not have to hunt for them.
        context["returned_notes"] = RETURNED_QUERY.list(user=request.user)
        shown += [(note, note.course.client_id) for note in context["returned_notes"]]
    # Every client on the page gets its read row, all in one insert.
    trail.record_many(request.user, "view", shown, detail={"page": "caseload"})
    if request.htmx:
        return render(request, "cases/caseload.html#results", context)
    return render(request, "cases/caseload.html", context)
