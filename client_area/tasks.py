"""Background work of the client area, on Django's Tasks framework.

``send_staff_notice`` retries a failed send itself (the database backend runs a task once):
after a failure it queues itself again, later each time, up to NOTICE_ATTEMPTS; the last
failure leaves the notice "failed" for the service administrator to see.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.tasks import task
from django.urls import reverse
from django.utils import timezone

from audit.trail import record
from client_area.models import NoticeStatus, StaffNotice

log = logging.getLogger(__name__)

NOTICE_ATTEMPTS = 5


def retry_delay(attempts: int) -> datetime.timedelta:
    """1, 4, 16, 64 minutes: a mail server back within the hour still gets the notice out."""
    return datetime.timedelta(minutes=4 ** (attempts - 1))


def notice_text(notice: StaffNotice) -> tuple[str, str]:
    """Subject and body: a link to the course page and nothing about the client."""
    url = settings.SITE_URL.rstrip("/") + reverse(
        "cases:course_detail", args=[notice.link.course_id]
    )
    subject = f"{settings.CLIENT_NOTICE_SUBJECT}"
    body = (
        "Something sent from a client's own link needs you to look at it.\n\n"
        f"Sign in to read it: {url}\n\n"
        "This email holds no clinical details on purpose. Do not reply to it."
    )
    return subject, body


@task
def send_staff_notice(notice_id: int) -> str:
    notice = StaffNotice.objects.select_related("link").get(pk=notice_id)
    if notice.status == NoticeStatus.SENT:
        return "already sent"
    subject, body = notice_text(notice)
    try:
        send_mail(subject, body, None, notice.recipients)
    except Exception as error:  # any failure of the mail server: retried, never lost
        return _failed(notice, error)
    with transaction.atomic():
        notice.status = NoticeStatus.SENT
        notice.attempts += 1
        notice.sent_at = timezone.now()
        notice.last_error = ""
        notice.save(update_fields=["status", "attempts", "sent_at", "last_error"])
        record(None, "client_notice.sent", notice, client=notice.link.course.client_id)
    return "sent"


def _failed(notice: StaffNotice, error: Exception) -> str:
    log.warning("Staff notice %s not sent: %s", notice.pk, error)
    with transaction.atomic():
        notice.attempts += 1
        notice.last_error = f"{type(error).__name__}: {error}"[:200]
        notice.status = (
            NoticeStatus.FAILED if notice.attempts >= NOTICE_ATTEMPTS else NoticeStatus.RETRYING
        )
        notice.save(update_fields=["attempts", "last_error", "status"])
        record(
            None,
            "client_notice.failed",
            notice,
            client=notice.link.course.client_id,
            detail={"attempts": notice.attempts},
        )
    if notice.status == NoticeStatus.RETRYING:
        later = timezone.now() + retry_delay(notice.attempts)
        transaction.on_commit(lambda: send_staff_notice.using(run_after=later).enqueue(notice.pk))
    return notice.status
