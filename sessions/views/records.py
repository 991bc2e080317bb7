"""The note's records and course plans, addenda, voiding and extra appointments."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from cases.models import Course
from sessions import services
from sessions.forms import (
    PLAN_FORMS,
    RECORD_FORMS,
    AddendumForm,
    RecordVersionForm,
    VoidForm,
)
from sessions.models import FollowUpPlan, RelapsePreventionPlan
from sessions.note_page import RECORD_SECTIONS, NotePage
from sessions.views.access import guarded, writable


@require_POST
@guarded
def addendum(request: HttpRequest, session_id: int) -> HttpResponse:
    session = writable(request, session_id)
    form = AddendumForm(request.POST)
    if form.is_valid():
        services.add_addendum(session, request.user, form.cleaned_data["text"])
        messages.success(request, "Addendum added under the signed note.")
        return redirect("sessions:detail", session_id=session.pk)
    page = NotePage.for_reading(session, request.user, addendum_form=form)
    return render(request, "session_logs/detail.html", page.context(), status=400)


@require_POST
@guarded
def void(request: HttpRequest, session_id: int) -> HttpResponse:
    session = writable(request, session_id)
    form = VoidForm(request.POST)
    if form.is_valid():
        services.void_session(session, request.user, form.cleaned_data["reason"])
        messages.success(request, "Session voided. It stays in the history, outside the count.")
        return redirect("sessions:detail", session_id=session.pk)
    page = NotePage.for_reading(session, request.user, void_form=form)
    return render(request, "session_logs/detail.html", page.context(), status=400)


@require_POST
@guarded
def add_record(request: HttpRequest, session_id: int, kind: str) -> HttpResponse:
    """Add a communication analysis, role play or decision analysis to the draft."""
    if kind not in RECORD_FORMS:
        raise Http404
    session = writable(request, session_id)
    if not session.is_editable:
        raise services.NoteLocked(session)
    form = RECORD_FORMS[kind](request.POST, prefix=kind)
    if form.is_valid():
        services.add_record(session, request.user, kind, form.cleaned_data)
        if not request.htmx:
            messages.success(request, "Added to the note.")
            return redirect(session.get_edit_url() + f"#{kind}")
        form = None
    page = NotePage.for_editing(session, request.user, None, record_forms={kind: form})
    context = page.context()
    context["section"] = page.record_section(kind)
    if request.htmx:
        return render(request, "session_logs/edit.html#record_section", context)
    return render(request, "session_logs/edit.html", context, status=400)


@require_http_methods(["GET", "POST"])
@guarded
def edit_record(request: HttpRequest, session_id: int, kind: str, record_id: int) -> HttpResponse:
    """Correct a communication analysis, role play or decision analysis of a draft note."""
    if kind not in RECORD_FORMS:
        raise Http404
    session = writable(request, session_id)
    record = get_object_or_404(services.RECORD_MODELS[kind], session=session, pk=record_id)
    if not session.is_editable:
        raise services.NoteLocked(session)
    form = RECORD_FORMS[kind](request.POST or None, instance=record, prefix=kind)
    version = RecordVersionForm(request.POST or None, initial={"version": record.version})
    conflict = None
    if request.method == "POST" and form.is_valid() and version.is_valid():
        try:
            services.update_record(
                session,
                request.user,
                kind,
                record.pk,
                form.cleaned_data,
                expected_version=version.cleaned_data["version"],
            )
        except services.StaleVersion as error:
            conflict = error.current
            version = RecordVersionForm(initial={"version": conflict.version})
        else:
            messages.success(request, "Record corrected.")
            return redirect(session.get_edit_url() + f"#{kind}")
    context = {
        "session": session,
        "kind": kind,
        "title": RECORD_SECTIONS[kind][0],
        "form": form,
        "version": version,
        "conflict": conflict,
    }
    status = 409 if conflict else (400 if form.errors or version.errors else 200)
    return render(request, "session_logs/record_form.html", context, status=status)


@require_POST
@guarded
def save_plan(request: HttpRequest, session_id: int, kind: str) -> HttpResponse:
    """Save the course's relapse-prevention or follow-up plan from a termination session."""
    if kind not in PLAN_FORMS:
        raise Http404
    session = writable(request, session_id)
    course = session.course
    model = {"relapse": RelapsePreventionPlan, "followup": FollowUpPlan}[kind]
    instance = model.objects.filter(course=course).first() or model(course=course)
    form = PLAN_FORMS[kind](request.POST, instance=instance, prefix=kind)
    conflict = None
    if form.is_valid():
        try:
            services.save_course_plan(
                course,
                request.user,
                kind,
                form.values(),
                expected_version=form.cleaned_data["version"],
            )
        except services.StaleVersion as error:
            conflict = error.current
        else:
            if not request.htmx:
                messages.success(request, "Plan saved.")
                return redirect(session.get_edit_url() + f"#{kind}")
            form = None
    page = NotePage.for_editing(
        session, request.user, None, plan_forms={kind: form}, plan_conflicts={kind: conflict}
    )
    context = page.context()
    context["plan"] = page.plan_section(kind)
    if request.htmx:
        return render(request, "session_logs/edit.html#plan_section", context)
    return render(request, "session_logs/edit.html", context, status=409 if conflict else 400)


@require_POST
@guarded
def add_extra(request: HttpRequest, course_id: int) -> HttpResponse:
    """An unplanned extra appointment; goes straight on to recording it."""
    course = get_object_or_404(Course.objects.visible_to(request.user), pk=course_id)
    session = services.add_extra_session(course, request.user)
    messages.success(request, "Extra session added. Record how it went.")
    return redirect("sessions:edit", session_id=session.pk)
