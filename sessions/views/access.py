"""The one access path of the session views, and their refusals as clear 4xx pages."""

import functools

from django.http import HttpRequest
from django.shortcuts import get_object_or_404, render

from audit import reads
from sessions import services
from sessions.models import Session

SESSION_RELATED = (
    "course__client",
    "course__therapist",
    "author",
    "signed_by",
    "cosigned_by",
    "signed_relapse_plan",
    "signed_follow_up_plan",
)


def visible(request: HttpRequest, session_id: int) -> Session:
    session = get_object_or_404(
        Session.objects.visible_to(request.user).select_related(*SESSION_RELATED), pk=session_id
    )
    # The access audit's read row needs the client: it is known now, at no query.
    reads.note_client(request, "session_id", session_id, session.course.client_id)
    return session


def writable(request: HttpRequest, session_id: int) -> Session:
    """Only the course's therapist writes; anyone else who can see it is refused (403)."""
    session = visible(request, session_id)
    if session.course.therapist_id != request.user.pk:
        raise services.NotAllowed("Only the treating therapist can change this session.")
    return session


def refused(request: HttpRequest, session: Session | None, message: str, status: int):
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
            return refused(request, None, str(error), 403)
        except services.NoteLocked as error:
            return refused(request, error.session, str(error), 409)
        except services.CourseNotRunning as error:
            return refused(request, None, str(error), 409)

    return wrapper
