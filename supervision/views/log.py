"""The supervision log per therapist: the list of logs, one log, writing an entry, the PDF."""

from django.contrib import messages
from django.db.models import Count, Max, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods

from audit.trail import record_many
from cases.models import Course
from cases.pdf import pdf_response
from supervision.log_forms import LogPeriodForm, SupervisionEntryForm
from supervision.models import SupervisionEntry
from supervision.services import log as services


def _therapist(request: HttpRequest, therapist_id: int):
    """The therapist whose log this is, or 404 when it is outside the viewer's scope."""
    return get_object_or_404(
        services.therapists_visible_to(request.user).select_related("supervisor"),
        pk=therapist_id,
    )


def _entries(request: HttpRequest, therapist):
    courses = Course.objects.select_related("client").order_by("client__record_number")
    return (
        SupervisionEntry.objects.visible_to(request.user)
        .filter(therapist=therapist)
        .select_related("supervisor")
        .prefetch_related(Prefetch("courses", queryset=courses))
    )


def _not_the_writer(request: HttpRequest, therapist) -> HttpResponse:
    return render(request, "supervision/log_not_writer.html", {"therapist": therapist}, status=403)


@require_GET
def log_index(request: HttpRequest) -> HttpResponse:
    """A supervisor's supervisees (all therapists for a service administrator), with their logs."""
    user = request.user
    if user.is_therapist:
        return redirect("supervision:therapist_log", therapist_id=user.pk)
    if not (user.is_supervisor or user.is_service_admin):
        raise Http404
    therapists = (
        services.therapists_visible_to(user)
        .filter(is_active=True)
        .select_related("supervisor")
        .annotate(last_met=Max("supervision_entries__met_on"), entries=Count("supervision_entries"))
        .order_by("last_name", "first_name", "username")
    )
    return render(request, "supervision/log_index.html", {"therapists": therapists})


@require_GET
def therapist_log(request: HttpRequest, therapist_id: int) -> HttpResponse:
    """One therapist's supervision log, newest first; the supervisor writes, others read."""
    therapist = _therapist(request, therapist_id)
    return _log_page(request, therapist, LogPeriodForm(auto_id="pdf-%s"))


def _courses_named(entries) -> list[tuple]:
    """(course, client id) for every course the entries name: what the log shows of clients."""
    return [(course, course.client_id) for entry in entries for course in entry.courses.all()]


def _log_page(request: HttpRequest, therapist, period: LogPeriodForm, status: int = 200):
    entries = list(_entries(request, therapist))
    # The log names clients: each one shown gets a read row, all in one insert.
    record_many(request.user, "view", _courses_named(entries), detail={"page": "supervision_log"})
    context = {
        "therapist": therapist,
        "entries": entries,
        "can_write": services.can_write_log(request.user, therapist),
        "period": period,
    }
    return render(request, "supervision/therapist_log.html", context, status=status)


@require_http_methods(["GET", "POST"])
def entry_new(request: HttpRequest, therapist_id: int) -> HttpResponse:
    therapist = _therapist(request, therapist_id)
    if not services.can_write_log(request.user, therapist):
        return _not_the_writer(request, therapist)
    form = SupervisionEntryForm(
        request.POST or None,
        therapist=therapist,
        initial={"met_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        entry = services.add_entry(therapist, request.user, **form.values())
        messages.success(request, "Supervision entry added to the log.")
        return redirect(_entry_url(entry))
    status = 400 if form.errors else 200
    _record_courses_offered(request, form)
    return render(
        request,
        "supervision/entry_form.html",
        {"therapist": therapist, "form": form, "entry": None},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def entry_edit(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = get_object_or_404(
        SupervisionEntry.objects.visible_to(request.user).select_related(
            "therapist__supervisor", "supervisor"
        ),
        pk=entry_id,
    )
    therapist = entry.therapist
    if not services.can_edit_entry(request.user, entry):
        return _not_the_writer(request, therapist)
    met_on = entry.met_on  # the form writes what was typed onto ``entry`` as it validates
    form = SupervisionEntryForm(request.POST or None, instance=entry, therapist=therapist)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.update_entry(
                entry,
                request.user,
                form.values(),
                expected_version=form.cleaned_data["version"],
            )
        except services.StaleVersion as stale:
            conflict = _entries(request, therapist).get(pk=stale.current.pk)
            # Keep what was typed; saving again now replaces the version shown beside it.
            data = request.POST.copy()
            data["version"] = str(conflict.version)
            form = SupervisionEntryForm(data, instance=entry, therapist=therapist)
            form.is_valid()
        else:
            messages.success(request, "Supervision entry updated.")
            return redirect(_entry_url(saved))
    status = 409 if conflict else (400 if form.errors else 200)
    _record_courses_offered(request, form)
    context = {
        "therapist": therapist,
        "form": form,
        "entry": entry,
        "met_on": met_on,
        "conflict": conflict,
    }
    return render(request, "supervision/entry_form.html", context, status=status)


def _record_courses_offered(request: HttpRequest, form: SupervisionEntryForm) -> None:
    """The entry form lists the therapist's courses by client: one read row each, one insert."""
    offered = [(course, course.client_id) for course in form.fields["courses"].queryset]
    record_many(request.user, "view", offered, detail={"page": "supervision_log_entry"})


def _entry_url(entry: SupervisionEntry) -> str:
    return reverse("supervision:therapist_log", args=[entry.therapist_id]) + f"#entry-{entry.pk}"


@require_GET
def log_pdf(request: HttpRequest, therapist_id: int) -> HttpResponse:
    """The log as a PDF: the last three months, the supervisions held ``?from=`` ``&to=``, or
    with ``?whole=on`` the whole log."""
    therapist = _therapist(request, therapist_id)
    period = LogPeriodForm(request.GET, auto_id="pdf-%s")
    if not period.is_valid():
        return _log_page(request, therapist, period, status=400)
    start, end = period.period()
    entries = _entries(request, therapist)
    if start:
        entries = entries.filter(met_on__gte=start)
    if end:
        entries = entries.filter(met_on__lte=end)
    entries = list(entries)
    today = timezone.localdate()
    # One insert: the row naming whose log it is, and one per client the PDF names.
    record_many(
        request.user,
        "pdf.export",
        [(therapist, None), *_courses_named(entries)],
        detail={
            "document": "supervision_log",
            "from": start.isoformat() if start else None,
            "to": end.isoformat() if end else None,
            "entries": len(entries),
        },
    )
    context = {
        "therapist": therapist,
        "entries": entries,
        "start": start,
        "end": end,
        "today": today,
    }
    name = slugify(therapist.display_name) or f"therapist-{therapist.pk}"
    return pdf_response(
        request,
        "pdf/supervision_log.html",
        context,
        filename=f"supervision-log-{name}-{today.isoformat()}.pdf",
        back_url=reverse("supervision:therapist_log", args=[therapist.pk]),
    )
