"""Questionnaires the client answers on their own device before a session.

They are the course's own measures (``measures.instruments.defaults_for``), open from
CLIENT_QUESTIONNAIRE_DAYS before the next scheduled session until its day, each once per
session. Answers go through ``measures.services.record_response`` like any other, so scores,
bands, charts, outcome classification and risk flags are exactly those of an in-session entry.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from client_area import notifications
from client_area.models import ClientLink, NoticeEvent
from measures import instruments
from measures.models import QuestionnaireResponse
from measures.services import record_response
from sessions.models import Session


class AlreadySent(Exception):
    """This questionnaire was already answered for this session: answers are never changed."""


class NotOpen(Exception):
    """No session is close enough for this questionnaire to be open."""


@dataclass(frozen=True)
class Window:
    session: Session | None
    due: list[instruments.Instrument]
    opens_on: datetime.date | None = None

    @property
    def is_open(self) -> bool:
        return self.session is not None and self.opens_on <= timezone.localdate()


def window_for(course, today: datetime.date | None = None) -> Window:
    """The next session and the course's measures not yet answered for it."""
    today = today or timezone.localdate()
    session = (
        Session.objects.filter(course=course)
        .scheduled()
        .filter(scheduled_for__date__gte=today)
        .first()
    )
    if session is None:
        return Window(None, [])
    day = timezone.localtime(session.scheduled_for).date()
    opens_on = day - datetime.timedelta(days=settings.CLIENT_QUESTIONNAIRE_DAYS)
    done = set(
        QuestionnaireResponse.objects.filter(session=session)
        .valid()
        .values_list("instrument", flat=True)
    )
    due = [
        instruments.get(code)
        for code in instruments.defaults_for(course.adaptation)
        if code not in done
    ]
    return Window(session, due, opens_on)


def sent_by_client(course):
    """What the client has sent, newest first (the client's list and the staff panel)."""
    return (
        QuestionnaireResponse.objects.filter(course=course, completed_by_client=True)
        .select_related("session")
        .order_by("-created_at")
    )


def submit(link: ClientLink, code: str, answers: dict[str, str]) -> QuestionnaireResponse:
    """Store the client's answers for the next session; on a positive risk item the flag is
    raised in this same transaction and the staff notice is queued for after it commits."""
    with transaction.atomic():
        # One submission at a time per link: a double tap cannot store the answers twice.
        ClientLink.objects.select_for_update().filter(pk=link.pk).first()
        window = window_for(link.course)
        if not window.is_open:
            raise NotOpen
        if code not in {instrument.code for instrument in window.due}:
            raise AlreadySent
        response = record_response(
            course=link.course,
            instrument_code=code,
            answers=answers,
            completed_on=timezone.localdate(),
            by=link.created_by,
            session=window.session,
            by_client=True,
        )
        if response.risk_positive:
            notifications.tell_staff_on_commit(link, NoticeEvent.RISK)
    return response
