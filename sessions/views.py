"""Session pages: thin views that check access, call one service and render or redirect."""

import functools

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from audit import trail
from cases.models import Course
from sessions import services
from sessions.forms import (
    PLAN_FORMS,
    RECORD_FORMS,
    AddendumForm,
    AttendanceForm,
    RecordVersionForm,
    VoidForm,
)
from sessions.models import Attendance, FollowUpPlan, RelapsePreventionPlan, Session
from sessions.note_page import RECORD_SECTIONS, NotePage
from supervision.review_history import latest_return, note_review_context

SESSION_RELATED = (
    "course__client",
    "course__therapist",
    "author",
    "signed_by",
    "cosigned_by",
    "signed_relapse_plan",
    "signed_follow_up_plan",
)


def _visible(request: HttpRequest, session_id: int) -> Session:
    return get_object_or_404(
        Session.objects.visible_to(request.user).select_related(*SESSION_RELATED), pk=session_id
    )


def _writable(request: HttpRequest, session_id: int) -> Session:
    """Only the course's therapist writes; anyone else who can see it is refused (403)."""
    session = _visible(request, session_id)
    if session.course.therapist_id != request.user.pk:
        raise services.NotAllowed("Only the treating therapist can change this session.")
    return session


def _refused(request: HttpRequest, session: Session | None, message: str, status: int):
    if request.htmx:
        # htmx swaps only 2xx answers: the message must reach the page.
        return render(
            request, "session_logs/refused.html#refusal", {"message": message, "session": session}
        )
    return render(
        request,
        "session_logs/refused.html",
        {"message": message, "session": session},
        status=status,
    )


def guarded(view):
    """Turn the services' refusals into a clear 4xx page (or message for htmx), never a 500."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except services.NotAllowed as error:
            return _refused(request, None, str(error), 403)
        except services.NoteLocked as error:
            return _refused(request, error.session, str(error), 409)
        except services.CourseNotRunning as error:
            return _refused(request, None, str(error), 409)

    return wrapper


@require_GET
def detail(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _visible(request, session_id)
    with transaction.atomic():
        trail.record(request.user, "view", session, client=session.course.client)
    page = NotePage.for_reading(session, request.user)
    # Supervision beside the note: co-sign/return decisions and comments (two queries).
    context = page.context() | note_review_context(session, request.user)
    return render(request, "session_logs/detail.html", context)


@require_http_methods(["GET", "POST"])
@guarded
def attendance(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _writable(request, session_id)
    if session.is_void or session.is_signed:
        raise services.NoteLocked(session)
    form = AttendanceForm(
        request.POST or None, session=session, initial=_attendance_initial(session)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        session = services.record_attendance(
            session,
            request.user,
            attendance=data["attendance"],
            held_at=data["held_at"],
            duration_minutes=data.get("duration_minutes"),
            follow_up_action=data.get("follow_up_action", ""),
        )
        if session.is_attended:
            messages.success(request, f"Session {session.number} recorded. Now write the note.")
            return redirect("sessions:edit", session_id=session.pk)
        messages.success(request, f"Recorded: {session.get_attendance_display().lower()}.")
        return redirect("sessions:detail", session_id=session.pk)
    status = 400 if form.errors else 200
    return render(
        request, "session_logs/attendance.html", {"session": session, "form": form}, status=status
    )


def _attendance_initial(session: Session) -> dict:
    when = timezone.localtime(session.held_at or min(session.scheduled_for, timezone.now()))
    return {
        "attendance": session.attendance
        if session.attendance != Attendance.SCHEDULED
        else Attendance.ATTENDED,
        "held_on": when.date(),
        "held_time": when.time().replace(second=0, microsecond=0),
        "duration_minutes": session.duration_minutes or session.course.session_minutes,
        "follow_up_action": session.follow_up_action,
    }


@require_http_methods(["GET", "POST"])
@guarded
def edit(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _writable(request, session_id)
    if not session.is_editable:
        raise services.NoteLocked(session)
    if not session.is_attended:
        return redirect("sessions:attendance", session_id=session.pk)
    page = NotePage.for_editing(session, request.user, request.POST or None)
    # A note the supervisor returned shows their comment above the form (one query, then).
    returned = {"latest_return": latest_return(session)}
    if request.method == "POST":
        result = page.save(take_over=request.POST.get("take_over_version"))
        if result.saved:
            messages.success(request, "Draft saved.")
            return redirect("sessions:detail", session_id=session.pk)
        status = 409 if result.conflict else 400
        return render(request, "session_logs/edit.html", page.context() | returned, status=status)
    return render(request, "session_logs/edit.html", page.context() | returned)


@require_POST
@guarded
def autosave(request: HttpRequest, session_id: int) -> HttpResponse:
    """Save the draft as the therapist types; answers with the small status partial only."""
    session = _writable(request, session_id)
    if not session.is_editable:
        raise services.NoteLocked(session)
    if not session.is_attended:
        return _refused(
            request, session, "Record the appointment as attended before its note.", 409
        )
    page = NotePage.for_editing(session, request.user, request.POST)
    result = page.save(take_over=None)
    status = 200 if result.saved or request.htmx else (409 if result.conflict else 400)
    return render(request, "session_logs/edit.html#autosave_status", page.context(), status=status)


@require_POST
@guarded
def sign(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _writable(request, session_id)
    try:
        session = services.sign_session(session, request.user)
    except services.NotSignable as error:
        messages.error(request, str(error))
        return redirect("sessions:edit" if session.is_attended else "sessions:detail", session.pk)
    if session.awaiting_cosignature:
        messages.success(request, "Note signed. It now awaits your supervisor's co-signature.")
    else:
        messages.success(request, "Note signed. It can no longer change; corrections are addenda.")
    if request.htmx:
        return HttpResponseClientRedirect(session.get_absolute_url())
    return redirect("sessions:detail", session_id=session.pk)


@require_POST
@guarded
def addendum(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _writable(request, session_id)
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
    session = _writable(request, session_id)
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
    session = _writable(request, session_id)
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
    session = _writable(request, session_id)
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
    session = _writable(request, session_id)
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
    return redirect("sessions:attendance", session_id=session.pk)
