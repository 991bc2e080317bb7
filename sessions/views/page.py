"""The session page: attendance, note, questionnaires and signature on one page.

Every part works with htmx (swapped in place) and without JavaScript (full-page posts).
"""

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from audit import trail
from sessions import goal_progress, note_lock, services
from sessions.forms import AttendanceForm
from sessions.models import Attendance, Session
from sessions.note_page import NotePage
from sessions.signing import sign_label
from sessions.views.access import guarded, refused, visible, writable

PAGE = "session_logs/edit.html"


@require_GET
def detail(request: HttpRequest, session_id: int) -> HttpResponse:
    session = visible(request, session_id)
    with transaction.atomic():
        trail.record(request.user, "view", session, client=session.course.client)
    page = NotePage.for_reading(session, request.user)
    # Supervision beside the note arrives through its own template tag (review_panels).
    return render(request, "session_logs/detail.html", page.context())


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


def _page_context(request, session: Session, page: NotePage | None = None, attendance_form=None):
    """The whole page: the attendance part always, the note once the session was attended."""
    if page is None and session.is_attended:
        page = NotePage.for_editing(session, request.user, None)
    context = page.context() if page is not None else {"session": session}
    context.setdefault("course", session.course)
    context.setdefault("client", session.course.client)
    context["attendance_form"] = attendance_form or AttendanceForm(
        session=session, initial=_attendance_initial(session)
    )
    if session.is_attended and page is not None and page.form is not None:
        people = page.form.initial.get("people_involved") or []
        context["people_was"] = ",".join(sorted(str(getattr(p, "pk", p)) for p in people))
    return context


@require_http_methods(["GET", "POST"])
@guarded
def attendance(request: HttpRequest, session_id: int) -> HttpResponse:
    session = writable(request, session_id)
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
        session = visible(request, session.pk)
        if request.htmx:
            # In place: the page swaps in the note (attended) or the recorded outcome.
            return render(request, PAGE, _page_context(request, session))
        if session.is_attended:
            messages.success(request, f"Session {session.number} recorded. Now write the note.")
            return redirect("sessions:edit", session_id=session.pk)
        messages.success(request, f"Recorded: {session.get_attendance_display().lower()}.")
        return redirect("sessions:edit", session_id=session.pk)
    status = 400 if form.errors else 200
    if request.method == "POST" and request.htmx:
        # htmx swaps only 2xx answers: the errors must reach the page in place.
        return render(request, PAGE, _page_context(request, session, attendance_form=form))
    if request.method == "POST":
        return render(
            request, PAGE, _page_context(request, session, attendance_form=form), status=status
        )
    return render(
        request, "session_logs/attendance.html", {"session": session, "form": form}, status=status
    )


@require_http_methods(["GET", "POST"])
@guarded
def edit(request: HttpRequest, session_id: int) -> HttpResponse:
    session = writable(request, session_id, page=request.method == "GET")
    if not session.is_editable:
        raise services.NoteLocked(session)
    if not session.is_attended:
        return render(request, PAGE, _page_context(request, session))
    page = NotePage.for_editing(session, request.user, request.POST or None)
    if request.method == "POST":
        result = page.save(take_over=request.POST.get("take_over_version"))
        if result.saved and any(g.started and g.saved is None for g in page.grids):
            # A questionnaire answered in part stays on the page and in its draft (it is stored
            # and scored once complete).
            fresh = NotePage.for_editing(page.session, request.user, None)
            fresh.data = request.POST
            messages.info(
                request,
                "Draft saved, with the questionnaire answers given so far. "
                "The questionnaire is scored once every item is answered.",
            )
            return render(request, PAGE, _page_context(request, page.session, fresh))
        if result.saved:
            messages.success(request, "Draft saved.")
            return redirect("sessions:detail", session_id=session.pk)
        status = 409 if result.conflict else 400
        return render(request, PAGE, _page_context(request, session, page), status=status)
    return render(request, PAGE, _page_context(request, session, page))


@require_POST
@guarded
def autosave(request: HttpRequest, session_id: int) -> HttpResponse:
    """Save the draft as the therapist types; answers with the small status partial only.

    Only the work its answer needs: the note's row, the focal areas the page posted, the
    people only when their ticks changed, and the questionnaires once complete.
    """
    with transaction.atomic():
        try:
            session = note_lock.lock_for_note(request.user, session_id)
        except Session.DoesNotExist:
            raise Http404 from None
        if session.course.therapist_id != request.user.pk:
            raise services.NotAllowed("Only the treating therapist can change this session.")
        if not session.is_editable:
            raise services.NoteLocked(session)
        if not session.is_attended:
            message = "Record the appointment as attended before its note."
            return refused(request, session, message, 409)
        page = NotePage.for_editing(session, request.user, request.POST, lean=True)
        page.locked = True
        result = page.save(take_over=None)
    context = {
        "page": page,
        "session": page.session,
        "course": session.course,
        "form": page.form,
        "focal_forms": page.focal_forms,
        "conflict": page.conflict,
        "conflict_version": page.conflict_version,
        "saved_at": page.saved_at,
        "error": page.error,
        "posted_grids": page.grids,
        "missing": page.missing(),
        "sign_label": sign_label(request.user),
        "people_was": ",".join(sorted(request.POST.getlist("people_involved"))),
        "risk_raised": page.risk_raised,
        "goals_was": _goals_was(request.POST),
    }
    status = 200 if result.saved or request.htmx else (409 if result.conflict else 400)
    return render(request, f"{PAGE}#autosave_answer", context, status=status)


def _goals_was(data) -> str | None:
    marks = goal_progress.posted_marks(data)
    return None if marks is None else goal_progress.encode(marks)


@require_POST
@guarded
def sign(request: HttpRequest, session_id: int) -> HttpResponse:
    """Sign the note. From the session page the typed note is saved first, then signed."""
    session = writable(request, session_id)
    if "version" in request.POST and session.is_editable:
        page = NotePage.for_editing(session, request.user, request.POST)
        result = page.save(take_over=request.POST.get("take_over_version"))
        if not result.saved:
            status = 409 if result.conflict else 400
            return render(request, PAGE, _page_context(request, session, page), status=status)
        if not request.POST.get("confirm_sign"):
            page.error = (
                "Not signed yet: tick the confirmation above the button. The draft is saved."
            )
            return render(request, PAGE, _page_context(request, page.session, page), status=400)
        session = page.session
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
