import csv
from collections.abc import Iterator

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from audit import trail
from cases.views.lookups import HtmxHttpRequest
from supervision.closed_courses import closed_courses
from supervision.dashboard import (
    PAGE_SIZE,
    build_dashboard,
    notes_awaiting_cosignature,
    record_shown,
)
from supervision.dashboard_csv import csv_lines, record_export
from supervision.dashboard_html import (
    awaiting_html,
    column_headers_html,
    course_rows_html,
    flag_legend_html,
)
from supervision.dashboard_queries import open_risk_on_closed_courses
from supervision.group_board import group_board, record_group_members_shown


def _require_supervisor(request: HtmxHttpRequest) -> None:
    if not request.user.is_supervisor:
        raise Http404


@require_GET
def dashboard(request: HtmxHttpRequest) -> HttpResponse:
    """The supervisor's start page: their supervisees' active courses, flagged, filterable."""
    _require_supervisor(request)
    board = build_dashboard(request.user, request.GET)
    page = board.page(request.GET.get("page"))
    context = {
        "filters": board.form,
        "page": page,
        "rows_html": course_rows_html(page.object_list),
        "headers_html": column_headers_html(board.columns, request.GET),
        "sort": board.sort,
        "filtered": board.filtered,
    }
    if request.htmx and not request.htmx.history_restore_request:
        record_shown(request.user, page.object_list)
        return render(request, "supervision/dashboard.html#results", context)
    context["flag_legend"] = flag_legend_html()
    awaiting = notes_awaiting_cosignature(request.user, request.GET.get("notes"))
    context["awaiting"], context["awaiting_page"] = awaiting.notes, awaiting
    context["awaiting_html"] = awaiting_html(awaiting.notes)
    context["closed_risk"] = open_risk_on_closed_courses(request.user)
    context["group_lines"] = group_board(request.user)
    record_shown(request.user, page.object_list, context["awaiting"], context["closed_risk"])
    record_group_members_shown(request.user, context["group_lines"])
    return render(request, "supervision/dashboard.html", context)


class _Line:
    """A file-like object that hands back what ``csv.writer`` writes, line by line."""

    def write(self, value: str) -> str:
        return value


CSV_LINES_PER_CHUNK = 100  # the response encodes each chunk it is handed: not line by line


def _csv_stream(rows) -> Iterator[str]:
    yield "\ufeff"  # so spreadsheet programs read the names as UTF-8
    writer = csv.writer(_Line())
    chunk = []
    for line in csv_lines(rows):
        chunk.append(writer.writerow(line))
        if len(chunk) == CSV_LINES_PER_CHUNK:
            yield "".join(chunk)
            chunk = []
    if chunk:
        yield "".join(chunk)


@require_GET
def dashboard_csv(request: HtmxHttpRequest) -> StreamingHttpResponse:
    """The dashboard's filtered and sorted rows (all pages) as CSV, streamed; the export is
    audited (one row per course, in one insert) before the first byte leaves."""
    _require_supervisor(request)
    rows = build_dashboard(request.user, request.GET).csv_rows()
    record_export(request.user, rows)
    response = StreamingHttpResponse(_csv_stream(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="supervision-{timezone.localdate():%Y-%m-%d}.csv"'
    )
    return response


@require_GET
def recently_closed(request: HtmxHttpRequest) -> HttpResponse:
    """Supervisees' courses completed or ended early in the last 90 days: outcome, decision,
    open risk. Filters live in the URL; htmx swaps the results in place."""
    _require_supervisor(request)
    closed = closed_courses(request.user, request.GET)
    page = Paginator(closed.rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filters": closed.form,
        "page": page,
        "filtered": closed.filtered,
        "since": closed.since,
    }
    shown = [(row.course, row.course.client_id) for row in page.object_list]
    trail.record_many(request.user, "view", shown, detail={"page": "recently_closed"})
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "supervision/recently_closed.html#results", context)
    return render(request, "supervision/recently_closed.html", context)
