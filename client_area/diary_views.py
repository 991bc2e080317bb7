"""The client's diary and the pages they can read. Every query is scoped to ``request.course``."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from client_area import diary_services
from client_area.access import client_page, neutral
from client_area.diary_forms import DiaryEntryForm, TaskCheckForm
from client_area.diary_models import DiaryEntry, TaskCheck
from inventory.models import Formulation
from measures.models import SafetyPlan
from sessions.models import RelapsePreventionPlan


def _entries(course):
    return (
        DiaryEntry.objects.filter(course=course)
        .select_related("person")
        .order_by("-happened_on", "-created_at", "-id")
    )


def _task_context(course) -> dict:
    task = diary_services.weekly_task(course)
    check = None
    if task is not None:
        check = TaskCheck.objects.filter(course=course, session=task).first()
    return {"task": task, "task_check": check}


@client_page
@require_http_methods(["GET", "POST"])
def diary(request: HttpRequest) -> HttpResponse:
    course = request.course
    form = DiaryEntryForm(request.POST or None, course=course)
    if request.method == "POST" and form.is_valid():
        diary_services.add_entry(course, request.client_link.pk, form.cleaned_data)
        return redirect(f"{request.path}?added=1")
    context = {
        "section": "diary",
        "form": form,
        "entries": _entries(course),
        "task_form": TaskCheckForm(),
        "added": request.GET.get("added") == "1",
        **_task_context(course),
    }
    return render(
        request, "client_area/diary/diary.html", context, status=400 if form.errors else 200
    )


@client_page
@require_http_methods(["GET", "POST"])
def task(request: HttpRequest) -> HttpResponse:
    """The client's word on the week's task (a GET only leads back to the diary)."""
    course = request.course
    if request.method == "GET":
        return redirect("client_area:diary")
    session = diary_services.weekly_task(course)
    form = TaskCheckForm(request.POST)
    if session is None:
        return neutral(request)
    if form.is_valid():
        diary_services.check_task(
            course,
            request.client_link.pk,
            session,
            form.cleaned_data["tried"],
            form.cleaned_data["how_it_went"],
        )
        return redirect("client_area:diary")
    context = {
        "section": "diary",
        "form": DiaryEntryForm(course=course),
        "entries": _entries(course),
        "task_form": form,
        **_task_context(course),
    }
    return render(request, "client_area/diary/diary.html", context, status=400)


@client_page
@require_http_methods(["GET", "POST"])
def entry(request: HttpRequest, entry_id: int) -> HttpResponse:
    """One entry and its corrections; a correction is a new entry, the original is kept."""
    course = request.course
    original = _entries(course).filter(pk=entry_id).first()
    if original is None:
        return neutral(request)
    initial = {name: getattr(original, name) for name in diary_services.ENTRY_FIELDS}
    form = DiaryEntryForm(request.POST or None, course=course, initial=initial)
    if request.method == "POST" and form.is_valid():
        diary_services.add_entry(course, request.client_link.pk, form.cleaned_data, original)
        return redirect("client_area:diary_entry", entry_id=original.pk)
    context = {
        "section": "diary",
        "entry": original,
        "corrections": _entries(course).filter(corrects=original).order_by("created_at", "id"),
        "form": form,
    }
    return render(
        request, "client_area/diary/entry.html", context, status=400 if form.errors else 200
    )


@client_page
@require_GET
def my_plans(request: HttpRequest) -> HttpResponse:
    """What the client can read: the formulation shared with them, their safety plan and, once
    written, their staying-well plan. Nothing else."""
    course = request.course
    formulation = Formulation.objects.filter(course=course).shared().order_by("-number").first()
    safety = SafetyPlan.objects.filter(course=course).first()
    staying = RelapsePreventionPlan.objects.filter(course=course).first()
    staying_parts = []
    if staying is not None:
        staying_parts = [
            (STAYING_WELL_HEADINGS[name], getattr(staying, name))
            for name in staying.TEXT_FIELDS
            if getattr(staying, name).strip()
        ]
    safety_parts = []
    if safety is not None and not safety.is_empty:
        safety_parts = [
            (SAFETY_HEADINGS[name], getattr(safety, name))
            for name in safety.SECTIONS
            if getattr(safety, name).strip()
        ]
    context = {
        "section": "plans",
        "formulation": formulation,
        "safety_parts": safety_parts,
        "staying_parts": staying_parts,
    }
    return render(request, "client_area/diary/plans.html", context)


SAFETY_HEADINGS = {
    "warning_signs": "Signs that things are getting harder",
    "coping_strategies": "Things I can do on my own",
    "social_distractions": "People and places that help",
    "help_contacts": "People I can ask for help",
    "professional_contacts": "Professionals and crisis lines",
    "safer_environment": "Making my surroundings safer",
}

STAYING_WELL_HEADINGS = {
    "warning_signs": "Early signs to watch for",
    "stressors": "Hard times that may be coming",
    "what_helped": "What helped me",
    "what_to_do": "What I will do if I start to feel worse",
    "who_to_contact": "Who I can contact",
}
