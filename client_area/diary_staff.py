"""The staff side of the diary: the panel on the session page, reviewing, turning an entry
into a communication analysis, and choosing which inventory people the client may pick."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_http_methods, require_POST

from cases.models import Course
from cases.prepared_queries import PreparedQuery
from client_area import diary_services
from client_area.diary_forms import ShareForm
from client_area.diary_models import DiaryEntry, DiaryPerson
from sessions.models import Session

# The course's unreviewed entries, oldest first; SQL built once per process
# (``cases.prepared_queries``).
UNREVIEWED_QUERY = PreparedQuery(
    lambda course_id: (
        DiaryEntry.objects.filter(course_id=course_id)
        .unreviewed()
        .select_related("person", "corrects")
        .order_by("happened_on", "created_at", "id")
    )
)


def review_panel(request: HttpRequest, session: Session) -> str:
    """The diary entries the therapist has not reviewed yet, on the note being written."""
    if not session.is_attended:
        return ""
    entries = UNREVIEWED_QUERY.list(course_id=session.course_id)
    user = getattr(request, "user", None)
    context = {
        "session": session,
        "entries": entries,
        "can_write": user is not None and session.course.therapist_id == user.pk,
        "can_analyse": session.is_editable,
    }
    return render_to_string("client_area/diary/staff_panel.html", context, request=request)


def _own_course(request: HttpRequest, course_id: int) -> Course:
    course = get_object_or_404(Course.objects.visible_to(request.user), pk=course_id)
    if course.therapist_id != request.user.pk:
        raise PermissionDenied("Only the treating therapist can change the client's diary.")
    return course


def _own_session(request: HttpRequest, session_id: int) -> Session:
    session = get_object_or_404(
        Session.objects.visible_to(request.user).select_related("course__client"), pk=session_id
    )
    if session.course.therapist_id != request.user.pk:
        raise PermissionDenied("Only the treating therapist can change the client's diary.")
    return session


@require_POST
def reviewed(request: HttpRequest, session_id: int, entry_id: int) -> HttpResponse:
    session = _own_session(request, session_id)
    entry = get_object_or_404(
        DiaryEntry.objects.visible_to(request.user).filter(course=session.course), pk=entry_id
    )
    diary_services.mark_reviewed(entry, request.user)
    messages.success(request, "Diary entry marked as reviewed.")
    return redirect(session.get_edit_url() + "#client-diary")


@require_POST
def to_analysis(request: HttpRequest, session_id: int, entry_id: int) -> HttpResponse:
    """Start a communication analysis in this draft note, filled in from the entry."""
    session = _own_session(request, session_id)
    entry = get_object_or_404(
        DiaryEntry.objects.visible_to(request.user)
        .filter(course=session.course)
        .select_related("person", "course"),
        pk=entry_id,
    )
    if not session.is_editable:
        raise PermissionDenied("This note is signed: add an addendum instead.")
    analysis = diary_services.make_analysis(entry, session, request.user)
    messages.success(request, "Communication analysis started from the diary entry: check it.")
    return redirect(
        "sessions:edit_record", session_id=session.pk, kind="communication", record_id=analysis.pk
    )


@require_http_methods(["GET", "POST"])
def share_people(request: HttpRequest, course_id: int) -> HttpResponse:
    course = _own_course(request, course_id)
    shared = DiaryPerson.objects.filter(course=course).shared().values_list("person_id", flat=True)
    form = ShareForm(request.POST or None, course=course, initial={"people": list(shared)})
    if request.method == "POST" and form.is_valid():
        chosen = {person.pk for person in form.cleaned_data["people"]}
        diary_services.share_people(course, request.user, chosen)
        messages.success(request, "Saved: the client's diary offers these people by first name.")
        return redirect("client_area_staff:share_people", course_id=course.pk)
    context = {"course": course, "form": form, "next": request.GET.get("next", "")}
    return render(
        request, "client_area/diary/share_people.html", context, status=400 if form.errors else 200
    )
