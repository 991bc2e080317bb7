"""The caseload: the user's courses, with risk, outcome and returned notes beside each."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from audit import trail
from cases import ports
from cases.caseload_filters import CaseloadFilterForm
from cases.models import Course
from cases.prepared_queries import PreparedQuery
from cases.views.lookups import HtmxHttpRequest
from ipt_site.pages.caseload_rows import caseload_rows
from measures.mania import with_mania_screen
from measures.on_track import on_track_for
from measures.queries import open_risk_off_caseload, with_open_risk
from supervision.review_history import returned_to

# What the rows (``caseload_rows``: ``Course.phase``, ``position``), the phase filter and the
# on-track rule (``on_track_for``) read of a course, its client and its therapist: only these
# are loaded (a caseload is 30 or more rows, a supervisor's hundreds).
ROW_FIELDS = (
    "client_id",
    "therapist_id",
    "adaptation",
    "delivery",
    "planned_sessions",
    "status",
    "continues_course_id",
    "client__record_number",
    "client__given_name",
    "client__family_name",
    "client__preferred_name",
    "therapist__username",
    "therapist__first_name",
    "therapist__last_name",
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


# Without a search, the two course queries run SQL built once per process
# (``cases.prepared_queries``); a search builds its own.
CASELOAD_QUERY = PreparedQuery(lambda user, now: _rows(_listed(user, now).current()))
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
    if text.strip():
        courses = list(_rows(_listed(request.user, now).current().search(text)))
    else:
        courses = CASELOAD_QUERY.list(user=request.user, now=now)
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
        context["closed_risk"] = CLOSED_RISK_QUERY.list(user=request.user, now=now)
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
