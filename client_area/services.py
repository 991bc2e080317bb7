"""Writes of the client area: issuing and revoking links, the date-of-birth step. Atomic, audited."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from audit.trail import record
from client_area.models import DOB_ATTEMPTS, ClientLink
from client_area.tokens import new_token, token_hash


def link_expiry(course, now: datetime.datetime) -> datetime.datetime:
    """A link lasts CLIENT_LINK_DAYS, and never past the course's planned end."""
    longest = now + datetime.timedelta(days=settings.CLIENT_LINK_DAYS)
    planned = course.planned_dates()
    if planned:
        end = timezone.make_aware(
            datetime.datetime.combine(planned[-1] + datetime.timedelta(days=14), datetime.time())
        )
        return min(longest, max(end, now + datetime.timedelta(days=1)))
    return longest


def issue_link(
    course, *, by, expires_at: datetime.datetime | None = None
) -> tuple[ClientLink, str]:
    """A new link for the course; any earlier link still working is revoked. Returns the link
    and its token, which is shown once and never stored."""
    now = timezone.now()
    token = new_token()
    with transaction.atomic():
        for old in ClientLink.objects.filter(course=course, revoked_at__isnull=True):
            _revoke(old, by=by, now=now, why="replaced")
        link = ClientLink.objects.create(
            course=course,
            token_hash=token_hash(token),
            created_by=by,
            expires_at=expires_at or link_expiry(course, now),
        )
        record(by, "client_link.issue", link, client=course.client_id)
    return link, token


def _revoke(link: ClientLink, *, by, now, why: str) -> None:
    link.revoked_at = now
    link.revoked_by = by
    link.save(update_fields=["revoked_at", "revoked_by"])
    record(by, "client_link.revoke", link, client=link.course.client_id, detail={"why": why})


def revoke_link(link: ClientLink, *, by) -> ClientLink:
    with transaction.atomic():
        locked = ClientLink.objects.select_for_update().select_related("course").get(pk=link.pk)
        if locked.revoked_at is None:
            _revoke(locked, by=by, now=timezone.now(), why="revoked")
    return locked


def check_date_of_birth(link: ClientLink, date: datetime.date) -> bool:
    """The date-of-birth step. A wrong date counts; the fifth locks the link for good and the
    therapist is told. Every outcome is audited."""
    with transaction.atomic():
        locked = (
            ClientLink.objects.select_for_update().select_related("course__client").get(pk=link.pk)
        )
        client = locked.course.client
        if locked.refusal():
            record(
                None,
                "client_link.refused",
                locked,
                client=client.pk,
                detail={"reason": locked.refusal(), "step": "date_of_birth"},
            )
            return False
        if date == client.date_of_birth:
            record(None, "client_link.verified", locked, client=client.pk)
            return True
        locked.dob_failures += 1
        fields = ["dob_failures"]
        if locked.dob_failures >= DOB_ATTEMPTS:
            locked.locked_at = timezone.now()
            fields.append("locked_at")
        locked.save(update_fields=fields)
        record(
            None,
            "client_link.wrong_date_of_birth",
            locked,
            client=client.pk,
            detail={"failures": locked.dob_failures},
        )
        if locked.locked_at is not None:
            record(None, "client_link.locked", locked, client=client.pk)
            from client_area import notifications

            notifications.tell_staff_on_commit(locked, "locked")
    return False
