"""Co-signing and returning a trainee's note; supervisor comments on notes and formulations.

Each view fetches through the one access path (another supervisor's or therapist's record is a
404), then lets the service decide. Someone who can read the record but is not its reviewer
(the therapist, a service administrator) gets a 403 page saying why. A form problem comes back
on the page with what was typed kept.
"""

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from audit import trail
from cases.models import Course
from inventory.formulation_views import version_context
from sessions.models import Session
from sessions.note_page import NotePage
from sessions.views import SESSION_RELATED
from supervision.review_forms import CommentForm, CosignForm, FormulationCommentForm, ReturnForm
from supervision.review_history import (
    formulation_comment_context,
    is_reviewer,
    note_review_context,
)
from supervision.services import reviews as services

NOT_REVIEWER = "Only the therapist's clinical supervisor can review or comment on this course."


def _visible(request: HttpRequest, session_id: int) -> Session:
    return get_object_or_404(
        Session.objects.visible_to(request.user).select_related(*SESSION_RELATED), pk=session_id
    )


def _refused(request: HttpRequest, message: str, back_url: str, status: int = 403) -> HttpResponse:
    return render(
        request,
        "supervision/review_refused.html",
        {"message": message, "back_url": back_url},
        status=status,
    )


def _note_page(request: HttpRequest, session_id: int, status: int, **review) -> HttpResponse:
    """The note page again, with the supervisor's form and the problem, after a refused POST."""
    session = _visible(request, session_id)  # re-read: the note may have changed meanwhile
    with transaction.atomic():
        trail.record(request.user, "view", session, client=session.course.client)
    context = NotePage.for_reading(session, request.user).context()
    context |= note_review_context(session, request.user, **review)
    return render(request, "session_logs/detail.html", context, status=status)


def _decide(request: HttpRequest, session_id: int, action) -> HttpResponse:
    session = _visible(request, session_id)
    if not is_reviewer(session, request.user):
        return _refused(request, NOT_REVIEWER, session.get_absolute_url())
    try:
        return action(session)
    except services.NotAllowed as error:
        return _refused(request, str(error), session.get_absolute_url())
    except (services.NotAwaitingReview, services.StaleDecision) as error:
        return _note_page(request, session.pk, 409, review_error=str(error))


@require_POST
def cosign(request: HttpRequest, session_id: int) -> HttpResponse:
    def act(session: Session) -> HttpResponse:
        form = CosignForm(request.POST)
        if not form.is_valid():
            return _note_page(
                request, session.pk, 400, review_error="Reload the page, then co-sign again."
            )
        services.cosign_note(session, request.user, expected_version=form.cleaned_data["version"])
        messages.success(request, "Note co-signed. It is now final.")
        return redirect(session.get_absolute_url())

    return _decide(request, session_id, act)


@require_POST
def return_note(request: HttpRequest, session_id: int) -> HttpResponse:
    def act(session: Session) -> HttpResponse:
        form = ReturnForm(request.POST, prefix="return")
        if form.is_valid():
            try:
                services.return_note(
                    session,
                    request.user,
                    form.cleaned_data["comment"],
                    expected_version=form.cleaned_data["version"],
                )
            except services.CommentRequired as error:
                form.add_error("comment", str(error))
            except (services.NotAwaitingReview, services.StaleDecision) as error:
                # Keep what was typed, against the note as it now stands.
                current = _visible(request, session.pk)
                kept = ReturnForm(
                    initial={"version": current.version, "comment": form.cleaned_data["comment"]},
                    prefix="return",
                )
                return _note_page(
                    request, session.pk, 409, return_form=kept, review_error=str(error)
                )
            else:
                messages.success(
                    request,
                    "Note returned for revision. The trainee sees your comment when they open it.",
                )
                return redirect(session.get_absolute_url())
        return _note_page(request, session.pk, 400, return_form=form)

    return _decide(request, session_id, act)


@require_POST
def session_comment(request: HttpRequest, session_id: int) -> HttpResponse:
    def act(session: Session) -> HttpResponse:
        form = CommentForm(request.POST, prefix="comment")
        if form.is_valid():
            try:
                services.comment_on_session(session, request.user, form.cleaned_data["text"])
            except services.CommentRequired as error:
                form.add_error("text", str(error))
            else:
                messages.success(request, "Comment added beside the note.")
                return redirect(session.get_absolute_url() + "#supervisor-comments")
        return _note_page(request, session.pk, 400, comment_form=form)

    return _decide(request, session_id, act)


@require_POST
def formulation_comment(request: HttpRequest, course_id: int) -> HttpResponse:
    course = get_object_or_404(
        Course.objects.visible_to(request.user).select_related("client", "therapist"),
        pk=course_id,
    )
    latest = course.formulations.order_by("-number").first()
    if not is_reviewer(course, request.user):
        return _refused(request, NOT_REVIEWER, _formulation_url(course, None, latest))
    form = FormulationCommentForm(request.POST, prefix="comment")
    number = str(form.data.get("comment-number", ""))
    formulation = (
        course.formulations.select_related("onset_event", "author").filter(number=number).first()
        if number.isdigit()
        else None
    )
    if formulation is None:
        return _refused(
            request,
            "That version of the formulation does not exist. Open the formulation and try again.",
            _formulation_url(course, None, latest),
            status=400,
        )
    if form.is_valid():
        try:
            services.comment_on_formulation(formulation, request.user, form.cleaned_data["text"])
        except services.NotAllowed as error:
            return _refused(request, str(error), _formulation_url(course, formulation, latest))
        except services.CommentRequired as error:
            form.add_error("text", str(error))
        else:
            messages.success(
                request, f"Comment added beside version {formulation.number} of the formulation."
            )
            return redirect(_formulation_url(course, formulation, latest) + "#supervisor-comments")
    context = version_context(request, course, formulation)
    context["formulation_review"] = formulation_comment_context(
        course, formulation, request.user, comment_form=form
    )
    return render(request, "cases/formulation_version.html", context, status=400)


def _formulation_url(course: Course, formulation, latest) -> str:
    """Where a formulation version is read: the formulation page for the current one."""
    if formulation is None or latest is None or formulation.number == latest.number:
        return reverse("formulation:page", args=[course.pk])
    return reverse("formulation:version", args=[course.pk, formulation.number])
