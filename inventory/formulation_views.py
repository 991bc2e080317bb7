"""The formulation page (current version, history), its edits, sharing, and the PDF."""

from django.contrib import messages
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from audit.trail import record
from cases.focal_areas import FocalArea
from cases.models import Course
from cases.pdf import pdf_response, svg_resource
from cases.prepared_queries import PreparedQuery
from inventory import formulation_services as services
from inventory import outcomes
from inventory.charts import relationship_map, timeline_chart
from inventory.formulation_forms import AREA_HELP, FormulationForm, ShareForm
from inventory.models import Formulation, InventoryCompletion
from inventory.worksheets import WorksheetForm, worksheet_rows

PAGE = "cases/formulation.html"


# The page's course, with its progress (the phase) and whether the inventory is complete, in
# one query whose SQL is built once per process (``cases.prepared_queries``).
PAGE_COURSE_QUERY = PreparedQuery(
    lambda user, now, course_id: (
        Course.objects.visible_to(user)
        .with_progress(now)
        .annotate(
            has_inventory_completion=Exists(
                InventoryCompletion.objects.filter(course=OuterRef("pk"))
            )
        )
        .filter(pk=course_id)
    )
)
# Its versions, newest first (the model's order), with what the page shows of each.
VERSIONS_QUERY = PreparedQuery(
    lambda course_id: Formulation.objects.filter(course_id=course_id).select_related(
        "onset_event", "author"
    )
)


def _versions(course: Course) -> list[Formulation]:
    versions = VERSIONS_QUERY.list(course_id=course.pk)
    for version in versions:
        version.course = course  # as ``course.formulations`` would set it: no query
    return versions


def _inventory_complete(course: Course) -> bool:
    known = getattr(course, "has_inventory_completion", None)
    if known is not None:
        return known
    return InventoryCompletion.objects.filter(course=course).exists()


def _readable(request: HttpRequest, course_id: int) -> Course:
    return get_object_or_404(
        Course.objects.visible_to(request.user).select_related("client", "therapist"), pk=course_id
    )


def _editable(request: HttpRequest, course_id: int) -> Course:
    return get_object_or_404(
        Course.objects.editable_by(request.user).select_related("client", "therapist"),
        pk=course_id,
    )


def _initial(current: Formulation | None) -> dict:
    if current is None:
        return {}
    return {
        "primary_area": current.primary_area,
        "secondary_area": current.secondary_area,
        "onset_event": current.onset_event_id,
        "plain_words": current.plain_words,
        "goal_1": current.goal_1,
        "goal_2": current.goal_2,
        "goal_3": current.goal_3,
        "version": None if current.is_shared else current.version,
    }


def _context(request: HttpRequest, course: Course, **extra) -> dict:
    versions = _versions(course)
    current = versions[0] if versions else None
    area = request.GET.get("primary_area") or (current.primary_area if current else "")
    if area not in FocalArea.values:
        area = ""
    context = {
        "course": course,
        "client": course.client,
        "current": current,
        "history": versions[1:],
        "can_edit": request.user.pk == course.therapist_id,
        "inventory_complete": _inventory_complete(course),
        "past_initial_phase": course.phase != "initial",
        "ever_shared": any(v.is_shared for v in versions),
        "area_help": AREA_HELP,
        "current_rows": worksheet_rows(current.primary_area, current.primary_worksheet)
        if current
        else [],
        "form": FormulationForm(initial=_initial(current), course=course),
        "worksheet_area": area,
        "worksheet_form": WorksheetForm(
            area=area, initial=current.worksheet.get(area, {}) if current else {}
        ),
        "share_form": ShareForm(
            course=course,
            initial={
                "shared_on": timezone.localdate(),
                "version": current.version if current else None,
            },
        ),
    }
    context.update(extra)
    return context


@require_GET
def formulation_page(request: HttpRequest, course_id: int) -> HttpResponse:
    found = PAGE_COURSE_QUERY.list(user=request.user, now=timezone.now(), course_id=course_id)
    if not found:
        raise Http404("No course here.")
    course = found[0]
    context = _context(request, course)
    if request.htmx and "primary_area" in request.GET:
        # Swapping the worksheet when the primary area changes; no clinical data is shown.
        return render(request, f"{PAGE}#worksheet", context)
    record(request.user, "view", course, client=course.client, detail={"page": "formulation"})
    return render(request, PAGE, context)


@require_POST
def formulation_save(request: HttpRequest, course_id: int) -> HttpResponse:
    course = _editable(request, course_id)
    form = FormulationForm(request.POST, course=course)
    area = request.POST.get("primary_area", "")
    area = area if area in FocalArea.values else ""
    worksheet = WorksheetForm(request.POST, area=area)
    if form.is_valid() and worksheet.is_valid():
        try:
            saved = services.save_formulation(
                course,
                request.user,
                form.cleaned_data,
                worksheet.answers(),
                form.cleaned_data["version"],
            )
        except services.FormulationError as error:
            form.add_error(None, str(error))
        else:
            text = f"Formulation version {saved.formulation.number} saved."
            if saved.new_version:
                text = (
                    f"Saved as version {saved.formulation.number}: the shared version "
                    f"{saved.formulation.number - 1} stays in the history unchanged."
                )
            if saved.replaced_area:
                text += (
                    f" The primary area is now {saved.formulation.get_primary_area_display()}; "
                    f"it replaced {FocalArea(saved.replaced_area).label}, which is no longer the focus."
                )
            messages.success(request, text)
            return redirect("formulation:page", course.pk)
    context = _context(request, course, form=form, worksheet_form=worksheet, worksheet_area=area)
    return render(request, PAGE, context)


@require_POST
def formulation_share(request: HttpRequest, course_id: int) -> HttpResponse:
    course = _editable(request, course_id)
    form = ShareForm(request.POST, course=course)
    if form.is_valid():
        try:
            shared = services.share_formulation(
                course,
                request.user,
                shared_on=form.cleaned_data["shared_on"],
                client_agreed=form.cleaned_data["client_agreed"],
                client_words=form.cleaned_data["client_words"],
                expected_version=form.cleaned_data["version"],
            )
        except services.FormulationError as error:
            form.add_error(error.field, str(error))
        else:
            messages.success(
                request, f"Version {shared.number} recorded as shared with the client."
            )
            return redirect("formulation:page", course.pk)
    return render(request, PAGE, _context(request, course, share_form=form))


def version_context(request: HttpRequest, course: Course, version: Formulation) -> dict:
    """One formulation version as read on its own page (also the supervisor's comment page)."""
    latest = course.formulations.order_by("-number").values_list("number", flat=True).first()
    return {
        "course": course,
        "client": course.client,
        "formulation": version,
        "is_current": version.number == latest,
        "heading": f"Formulation, version {version.number}",
        "can_edit": request.user.pk == course.therapist_id,
        "rows": worksheet_rows(version.primary_area, version.primary_worksheet),
    }


@require_GET
def formulation_version(request: HttpRequest, course_id: int, number: int) -> HttpResponse:
    course = _readable(request, course_id)
    version = get_object_or_404(
        course.formulations.select_related("onset_event", "author"), number=number
    )
    record(request.user, "view", version, client=course.client, detail={"page": "formulation"})
    context = version_context(request, course, version)
    return render(request, "cases/formulation_version.html", context)


def formulation_pdf_context(course: Course, formulation: Formulation) -> dict:
    people = list(course.people.current())
    events = list(course.timeline.current().prefetch_related("people"))
    client = course.client
    return {
        "course": course,
        "client": client,
        "formulation": formulation,
        "people": people,
        "events": events,
        "rows": worksheet_rows(formulation.primary_area, formulation.primary_worksheet),
        "map_svg": relationship_map(
            people, client.preferred_name or client.given_name, dom_id="pdf-map"
        ),
        "timeline_svg": timeline_chart(
            events, dom_id="pdf-timeline", **outcomes.chart_kwargs(course)
        ),
        "completion": InventoryCompletion.objects.filter(course=course).first(),
        "generated_at": timezone.localtime(),
    }


def formulation_pdf_resources(context: dict) -> dict:
    return {
        "map.svg": svg_resource(context["map_svg"]),
        "timeline.svg": svg_resource(context["timeline_svg"]),
    }


@require_GET
def formulation_pdf(request: HttpRequest, course_id: int) -> HttpResponse:
    course = _readable(request, course_id)
    formulations = course.formulations.select_related("onset_event", "author")
    number = request.GET.get("version", "")
    formulation = (
        formulations.filter(number=int(number)).first()
        if number.isdigit()
        else formulations.first()
    )
    if formulation is None:
        raise Http404("No formulation to export yet.")
    record(
        request.user,
        "pdf.export",
        formulation,
        client=course.client,
        detail={"document": "formulation", "number": formulation.number},
    )
    context = formulation_pdf_context(course, formulation)
    return pdf_response(
        request,
        "pdf/formulation.html",
        context,
        resources=formulation_pdf_resources(context),
        filename=f"formulation-{course.client.record_number}-v{formulation.number}.pdf",
        back_url=reverse("formulation:page", args=[course.pk]),
    )


@require_POST
def formulation_confirm(request: HttpRequest, course_id: int) -> HttpResponse:
    """The therapist confirms the formulation a maintenance course inherited still holds."""
    course = _editable(request, course_id)
    try:
        services.confirm_inherited_formulation(course, request.user)
    except services.FormulationError as error:
        return render(
            request,
            "cases/formulation_refused.html",
            {"course": course, "client": course.client, "message": str(error)},
            status=409,
        )
    messages.success(request, "Recorded: the formulation still holds for maintenance.")
    return redirect(_back_to(request, course))


def _back_to(request: HttpRequest, course) -> str:
    """Where the confirmation was made from (a session note shows the prompt too), when that
    is a page of this site; otherwise the course page."""
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return course.get_absolute_url()
