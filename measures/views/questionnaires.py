from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audit.trail import record
from cases import ports
from cases.models.access import can_edit_as
from measures import instruments
from measures.documents import summary_available
from measures.forms import QuestionnaireForm
from measures.models import QuestionnaireResponse
from measures.reporting import outcome_report
from measures.services import QuestionnaireRejected, record_response, void_response
from measures.views.access import HtmxHttpRequest, editable_course, visible_course


def _instrument_from(request: HtmxHttpRequest, course) -> instruments.Instrument | None:
    code = request.GET.get("instrument") or request.POST.get("instrument")
    if not code:
        code = instruments.defaults_for(course.adaptation)[0]
    try:
        return instruments.get(code)
    except LookupError:
        return None


def _unknown_instrument(request) -> HttpResponse:
    return render(
        request,
        "measures/bad_request.html",
        {"message": "There is no questionnaire with that name."},
        status=400,
    )


@require_GET
def course_measures(request: HtmxHttpRequest, course_id: int) -> HttpResponse:
    """Every questionnaire of a course, with the chart and the outcome classification."""
    course = visible_course(request, course_id)
    with transaction.atomic():
        record(request.user, "view", course, client=course.client, detail={"page": "measures"})
    return render(
        request,
        "measures/course_measures.html",
        {
            "course": course,
            "report": outcome_report(course),
            "all_responses": QuestionnaireResponse.objects.filter(course=course).select_related(
                "session"
            ),
            "can_edit": can_edit_as(request.user, course.therapist),
            "instruments": instruments.INSTRUMENTS.values(),
            "defaults": instruments.defaults_for(course.adaptation),
            "summary_available": summary_available(course),
        },
    )


@require_http_methods(["GET", "POST"])
def response_new(request: HtmxHttpRequest, course_id: int) -> HttpResponse:
    """Enter a questionnaire item by item, standalone or attached to a session."""
    course = editable_course(request, course_id)
    instrument = _instrument_from(request, course)
    if instrument is None:
        return _unknown_instrument(request)
    if request.method == "POST":
        form = QuestionnaireForm(request.POST, instrument=instrument, course=course)
        if form.is_valid():
            try:
                response = record_response(
                    course=course,
                    instrument_code=instrument.code,
                    answers=form.raw_answers(),
                    completed_on=form.cleaned_data["completed_on"],
                    session=form.cleaned_data["session"],
                    by=request.user,
                )
            except QuestionnaireRejected as rejected:
                for key, message in rejected.errors.items():
                    form.add_error(f"item_{key}" if key != "session" else "session", message)
            else:
                text = f"{instrument.short_name} saved: {response.total} ({response.band.lower()})."
                if response.risk_positive:
                    messages.warning(
                        request, text + " A risk item was positive: a risk flag is open."
                    )
                    return redirect("measures:course_risk", course.pk)
                messages.success(request, text)
                if response.session_id and "next" in request.POST:
                    return redirect(_safe_next(request, course))
                return redirect("measures:course_measures", course.pk)
        status = 400
    else:
        initial = {"completed_on": timezone.localdate()}
        session_id = request.GET.get("session")
        if session_id and session_id.isdigit():
            session = ports.book().open_appointments(course).filter(pk=session_id).first()
            if session is None:
                return render(
                    request,
                    "measures/bad_request.html",
                    {"message": "That session is not one of this course's sessions."},
                    status=400,
                )
            initial["session"] = session
            if session.held_at:
                initial["completed_on"] = timezone.localtime(session.held_at).date()
        form = QuestionnaireForm(initial=initial, instrument=instrument, course=course)
        status = 200
    return render(
        request,
        "measures/response_form.html",
        {
            "course": course,
            "instrument": instrument,
            "form": form,
            "score": form.current_score(),
            "instruments": instruments.INSTRUMENTS.values(),
            "next": request.GET.get("next") or request.POST.get("next", ""),
            "cancel_url": _cancel_url(request, course),
        },
        status=status,
    )


def _cancel_url(request: HtmxHttpRequest, course) -> str:
    """Cancel goes back where the questionnaire was opened from (a session note, say)."""
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.GET.get("next") or request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return reverse("measures:course_measures", args=[course.pk])


def _safe_next(request: HtmxHttpRequest, course) -> str:
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return reverse("measures:course_measures", args=[course.pk])


@require_POST
def response_score(request: HtmxHttpRequest, course_id: int) -> HttpResponse:
    """The running total and band as the items are answered (the form's htmx partial)."""
    course = editable_course(request, course_id)
    instrument = _instrument_from(request, course)
    if instrument is None:
        return HttpResponseBadRequest("There is no questionnaire with that name.")
    form = QuestionnaireForm(request.POST, instrument=instrument, course=course)
    return TemplateResponse(
        request,
        "measures/response_form.html#score",
        {"instrument": instrument, "score": form.current_score(), "course": course},
    )


@require_GET
def response_detail(request: HtmxHttpRequest, response_id: int) -> HttpResponse:
    response = get_object_or_404(
        QuestionnaireResponse.objects.visible_to(request.user).select_related(
            "course__client", "course__therapist", "session", "entered_by"
        ),
        pk=response_id,
    )
    with transaction.atomic():
        record(request.user, "view", response, client=response.course.client)
    return render(
        request,
        "measures/response_detail.html",
        {
            "response": response,
            "course": response.course,
            "can_edit": can_edit_as(request.user, response.course.therapist),
            "void_error": "",
        },
    )


@require_POST
def response_void(request: HtmxHttpRequest, response_id: int) -> HttpResponse:
    """Void a questionnaire entered in error; it stays on record with the reason."""
    response = get_object_or_404(
        QuestionnaireResponse.objects.visible_to(request.user).select_related(
            "course__client", "course__therapist", "session", "entered_by"
        ),
        pk=response_id,
    )
    editable_course(request, response.course_id)
    reason = request.POST.get("reason", "")
    if not reason.strip():
        return render(
            request,
            "measures/response_detail.html",
            {
                "response": response,
                "course": response.course,
                "can_edit": True,
                "void_error": "Say why this questionnaire is being voided.",
            },
            status=400,
        )
    void_response(response, by=request.user, reason=reason)
    messages.success(request, "Questionnaire voided; it is kept on record and left out of scores.")
    return redirect("measures:course_measures", response.course_id)
