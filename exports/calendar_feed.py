"""A therapist's appointments as an iCalendar feed (RFC 5545), for Outlook or Google Calendar.

What an event may say is deliberately small: the client's initials and record number, and
that it is an IPT appointment. Never a name, diagnosis, phase, risk or note: a phone's
calendar is shown on lock screens and shared with assistants.

Each appointment keeps one UID for its life. Its SEQUENCE counts the times it was moved (the
audit trail's ``appointment.move`` rows), plus one once it is cancelled, so a calendar that
already has the event replaces it rather than adding a second one.
"""

import datetime

from django.conf import settings
from django.db.models import Count, QuerySet
from django.utils import timezone
from icalendar import Calendar, Event

from audit.models import AuditEvent
from sessions.models import Attendance, Session

PAST_DAYS = 60
FUTURE_DAYS = 366
UID_DOMAIN = "ipt-course.invalid"
CANCELLED = {Attendance.CANCELLED_CLIENT, Attendance.CANCELLED_CLINIC}


def initials(client) -> str:
    return f"{client.given_name[:1]}.{client.family_name[:1]}.".upper()


def summary(session: Session) -> str:
    client = session.course.client
    return f"IPT appointment: {initials(client)} {client.record_number}"


def uid(session: Session) -> str:
    return f"appointment-{session.pk}@{UID_DOMAIN}"


def appointments(therapist, now: datetime.datetime) -> QuerySet[Session]:
    """The appointments of ``therapist``'s own courses from two months back to a year ahead."""
    return (
        Session.objects.filter(
            course__therapist=therapist,
            scheduled_for__gte=now - datetime.timedelta(days=PAST_DAYS),
            scheduled_for__lte=now + datetime.timedelta(days=FUTURE_DAYS),
        )
        .select_related("course__client")
        .order_by("scheduled_for", "id")
    )


def moves(session_ids: list[int]) -> dict[int, int]:
    """How many times each appointment was moved (one query)."""
    rows = (
        AuditEvent.objects.filter(
            action="appointment.move",
            object_type=Session._meta.label_lower,
            object_id__in=[str(pk) for pk in session_ids],
        )
        .values("object_id")
        .annotate(n=Count("id"))
    )
    return {int(row["object_id"]): row["n"] for row in rows}


def is_cancelled(session: Session) -> bool:
    return session.is_void or session.attendance in CANCELLED


def event(session: Session, moved: int, stamp: datetime.datetime) -> Event:
    start = session.scheduled_for
    minutes = session.course.session_minutes
    item = Event()
    item.add("uid", uid(session))
    item.add("dtstamp", stamp)
    item.add("dtstart", start)
    item.add("dtend", start + datetime.timedelta(minutes=minutes))
    item.add("summary", summary(session))
    item.add("sequence", moved + (1 if is_cancelled(session) else 0))
    item.add("status", "CANCELLED" if is_cancelled(session) else "CONFIRMED")
    item.add("class", "PRIVATE")
    item.add("transp", "OPAQUE")
    return item


def feed(therapist, now: datetime.datetime | None = None) -> bytes:
    now = now or timezone.now()
    sessions = list(appointments(therapist, now))
    moved = moves([s.pk for s in sessions])
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.CLINIC_NAME}//IPT appointments//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "IPT appointments")
    calendar.add("x-published-ttl", "PT1H")
    for session in sessions:
        calendar.add_component(event(session, moved.get(session.pk, 0), now))
    return calendar.to_ical()
