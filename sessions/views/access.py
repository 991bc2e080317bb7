"""The one access path of the session views, and their refusals as clear 4xx pages."""

import functools

from django.db.models import Exists, OuterRef, Subquery
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404, render

from audit import reads
from cases.prepared_queries import PreparedQuery
from cases.presence import preload
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


def _page_presence() -> dict:
    """``has_<name>`` flags for the note page's panels (``cases.presence``), asked in the
    session's own query: records, unfinished questionnaires, goal marks, focal area work,
    answers the client sent, and the course's open risk flags."""
    from measures.models import QuestionnaireResponse, RiskFlag
    from sessions.goal_progress import GoalProgress
    from sessions.models import FocalAreaWork
    from sessions.note_page import PLAN_SECTIONS, RECORD_SECTIONS
    from sessions.questionnaire_drafts import QuestionnaireDraft

    def on_session(queryset):
        return Exists(queryset.filter(session=OuterRef("pk")))

    flags = {}
    for _, related in RECORD_SECTIONS.values():
        field = Session._meta.get_field(related)
        flags[f"has_{related}"] = Exists(
            field.related_model._default_manager.filter(**{field.field.name: OuterRef("pk")})
        )
    for kind, (_, model) in PLAN_SECTIONS.items():
        flags[f"has_plan_{kind}"] = Exists(model.objects.filter(course=OuterRef("course_id")))
    return (
        flags
        | {
            "has_open_drafts": on_session(
                QuestionnaireDraft.objects.filter(cleared_at__isnull=True)
            ),
            "has_goal_marks": on_session(GoalProgress.objects.all()),
            "has_focal_work": on_session(FocalAreaWork.objects.all()),
            "has_client_answers": on_session(
                QuestionnaireResponse.objects.filter(completed_by_client=True)
            ),
            "course_has_open_risk": Exists(
                RiskFlag.objects.open().filter(course=OuterRef("course_id"))
            ),
        }
        | _beside_the_note()
    )


# What the note page shows beside the note from other rows: the previous attended session's
# task (``note_page.previous_session``) and the latest formulation's goals
# (``note_page.agreed_goals``).
PREVIOUS_FIELDS = ("number", "next_task", "next_task_person")
GOAL_FIELDS = ("goal_1", "goal_2", "goal_3")


def _beside_the_note() -> dict:
    from inventory.models import Formulation

    previous = (
        Session.objects.attended()
        .filter(course_id=OuterRef("course_id"), number__lt=OuterRef("number"))
        .order_by("-number")
    )
    latest = Formulation.objects.filter(course_id=OuterRef("course_id")).order_by("-number")
    return {f"previous_{name}": Subquery(previous.values(name)[:1]) for name in PREVIOUS_FIELDS} | {
        f"latest_{name}": Subquery(latest.values(name)[:1]) for name in GOAL_FIELDS
    }


def _preload_beside_the_note(session: Session) -> None:
    number = session.previous_number
    previous = None
    if number is not None:
        previous = Session(
            course_id=session.course_id,
            **{name: getattr(session, f"previous_{name}") for name in PREVIOUS_FIELDS},
        )
    preload(session, "previous_session", previous)
    goals = [getattr(session, f"latest_{name}") for name in GOAL_FIELDS]
    preload(session.course, "agreed_goals", [g for g in goals if g is not None and g.strip()])


# What the note form's page shows of the rows around the session: the course, its client and
# therapist. The signer, co-signer, author and signed plans are for the signed note's own page
# (``detail``); a draft has none of them to show, and each join cost planning time on every
# page (five fewer joins: about 2 ms less planning on PostgreSQL).
NOTE_PAGE_RELATED = ("course__client", "course__therapist")

# The note page's session with its panels' presence flags; its SQL is built once per process
# (``cases.prepared_queries``).
NOTE_PAGE_QUERY = PreparedQuery(
    lambda user, session_id: (
        Session.objects.visible_to(user)
        .select_related(*NOTE_PAGE_RELATED)
        .annotate(**_page_presence())
        .filter(pk=session_id)
    )
)


def writable(request: HttpRequest, session_id: int, *, page: bool = False) -> Session:
    """Only the course's therapist writes; anyone else who can see it is refused (403).

    ``page``: the note page is about to be shown from what is stored (a GET): its panels'
    presence flags come in the same query (``cases.presence``)."""
    if page:
        found = NOTE_PAGE_QUERY.list(user=request.user, session_id=session_id)
        if not found:
            raise Http404("No session here.")
        session = found[0]
        session.course.has_open_risk = session.course_has_open_risk
        _preload_beside_the_note(session)
        reads.note_client(request, "session_id", session_id, session.course.client_id)
    else:
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
