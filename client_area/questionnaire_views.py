"""The client's questionnaires: one question per screen, then a check, then send.

Earlier answers ride along as hidden fields until the client sends them; nothing is stored
before then, and the server scores only what is finally sent (measures.instruments.score).
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from client_area import questionnaires
from client_area.access import client_page, neutral
from client_area.models import StaffNotice
from measures import instruments
from measures.models import SafetyPlan
from measures.services import QuestionnaireRejected


@client_page
@require_GET
def questionnaire_list(request: HttpRequest) -> HttpResponse:
    window = questionnaires.window_for(request.course)
    return render(
        request,
        "client_area/questionnaires/list.html",
        {
            "section": "questionnaires",
            "window": window,
            "sent": list(questionnaires.sent_by_client(request.course)[:10]),
        },
    )


def _posted_answers(request: HttpRequest, instrument) -> dict[str, str]:
    answers = {}
    for item in instrument.items:
        code = request.POST.get(f"item-{item.key}", "")
        if item.option(code) is not None:
            answers[item.key] = code
    return answers


@client_page
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, code: str) -> HttpResponse:
    if code not in instruments.defaults_for(request.course.adaptation):
        return neutral(request)
    instrument = instruments.get(code)
    window = questionnaires.window_for(request.course)
    if not window.is_open or instrument not in window.due:
        return redirect("client_area:questionnaires")
    items = instrument.items
    answers = _posted_answers(request, instrument) if request.method == "POST" else {}
    step = 0
    error = ""
    if request.method == "POST":
        try:
            step = min(max(int(request.POST.get("step", "0")), 0), len(items))
        except ValueError:
            step = 0
        go = request.POST.get("go", "next")
        if go == "back":
            step = max(step - 1, 0)
        elif go == "send" and step == len(items):
            try:
                response = questionnaires.submit(request.client_link, code, answers)
            except (questionnaires.AlreadySent, questionnaires.NotOpen):
                return redirect("client_area:questionnaires")
            except QuestionnaireRejected as rejected:
                error = next(iter(rejected.errors.values()), "Please answer every question.")
                step = 0
            else:
                return redirect("client_area:questionnaire_sent", response_id=response.pk)
        elif step < len(items):
            if items[step].key in answers:
                step += 1
            else:
                error = "Please choose one answer to go on."
    context = {
        "section": "questionnaires",
        "instrument": instrument,
        "session": window.session,
        "step": step,
        "total_steps": len(items),
        "item": items[step] if step < len(items) else None,
        "answers": answers,
        "chosen": answers.get(items[step].key) if step < len(items) else None,
        "review": [(item, item.option(answers.get(item.key, ""))) for item in items],
        "error": error,
    }
    return render(request, "client_area/questionnaires/answer.html", context)


@client_page
@require_GET
def sent(request: HttpRequest, response_id: int) -> HttpResponse:
    response = questionnaires.sent_by_client(request.course).filter(pk=response_id).first()
    if response is None:
        return neutral(request)
    plan = SafetyPlan.objects.filter(course=request.course).first()
    contacts = []
    if response.risk_positive and plan is not None:
        contacts = [
            (label, text)
            for name, label, text in plan.sections()
            if name in ("help_contacts", "professional_contacts") and text.strip()
        ]
    told = StaffNotice.objects.filter(link=request.client_link).exists()
    return render(
        request,
        "client_area/questionnaires/sent.html",
        {
            "section": "questionnaires",
            "response": response,
            "contacts": contacts,
            "coping": plan.coping_strategies if response.risk_positive and plan else "",
            "told": told,
        },
    )
