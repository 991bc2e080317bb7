"""Telling staff that something needs them: an email with no clinical content, only a link.

The mail goes through Django's Tasks framework (TASKS in settings: the database backend of
django-tasks-db; its worker is ``manage.py db_worker``), queued after the client's request has
committed, so a failing mail server can never fail or undo what the client sent.
"""

import logging

from django.db import transaction

from client_area.models import ClientLink, NoticeEvent, StaffNotice

log = logging.getLogger(__name__)


def recipients_for(link: ClientLink) -> list[str]:
    """The treating therapist, and their supervisor when the therapist is a trainee."""
    therapist = link.course.therapist
    people = [therapist]
    if therapist.is_trainee and therapist.supervisor is not None:
        people.append(therapist.supervisor)
    return [person.email for person in people if person.email]


def tell_staff_on_commit(link: ClientLink, event: NoticeEvent | str) -> StaffNotice:
    """Record the notice now (inside the caller's transaction); queue its mail after commit."""
    notice = StaffNotice.objects.create(link=link, event=event, recipients=recipients_for(link))

    def enqueue() -> None:
        from client_area import tasks

        try:
            tasks.send_staff_notice.enqueue(notice.pk)
        except Exception:
            # The queue itself is down: the notice stays "queued" and shows as not sent on the
            # service administrator's page; the client's answer is already safe.
            log.exception("Could not queue staff notice %s", notice.pk)

    transaction.on_commit(enqueue)
    return notice
