"""The client's way in: one link per course, handed over in session, never stored in clear."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from cases.models.access import CourseScopedQuerySet
from client_area.tokens import token_hash

# Wrong dates of birth before a link stops working for good (the therapist issues a new one).
DOB_ATTEMPTS = 5


class ClientLinkQuerySet(CourseScopedQuerySet):
    def usable(self, now: datetime.datetime | None = None) -> "ClientLinkQuerySet":
        """Links a client can still open: not revoked, not locked, not expired, course open."""
        now = now or timezone.now()
        return self.filter(
            revoked_at__isnull=True,
            locked_at__isnull=True,
            expires_at__gt=now,
            course__status__in=["planned", "active"],
        )

    def for_token(self, token: str) -> "ClientLinkQuerySet":
        return self.filter(token_hash=token_hash(token))


class ClientLink(models.Model):
    """A link that lets the client of one course open their own pages from their phone."""

    course = models.ForeignKey(
        "cases.Course", on_delete=models.PROTECT, related_name="client_links"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    dob_failures = models.PositiveSmallIntegerField(default=0)
    locked_at = models.DateTimeField(null=True, blank=True)
    last_visit_at = models.DateTimeField(null=True, blank=True)

    objects = ClientLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(dob_failures__lte=DOB_ATTEMPTS), name="client_link_failures_capped"
            ),
        ]

    def __str__(self) -> str:
        return f"Client link {self.pk} for course {self.course_id}"

    def refusal(self, now: datetime.datetime | None = None) -> str:
        """Why the link cannot be opened now, or "" when it can (the audit records the word)."""
        now = now or timezone.now()
        if self.revoked_at is not None:
            return "revoked"
        if self.locked_at is not None:
            return "locked"
        if self.expires_at <= now:
            return "expired"
        if not self.course.is_open:
            return "course_closed"
        return ""

    @property
    def status(self) -> str:
        """The staff panel's word for the link."""
        return self.refusal() or "active"


class NoticeEvent(models.TextChoices):
    RISK = "risk", "A risk answer was sent from the client's link"
    LOCKED = "locked", "The client's link locked after wrong dates of birth"


class NoticeStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENT = "sent", "Sent"
    RETRYING = "retrying", "Failed, will try again"
    FAILED = "failed", "Failed, gave up"


class StaffNoticeQuerySet(CourseScopedQuerySet):
    course_path = "link__course"

    def undelivered(self) -> "StaffNoticeQuerySet":
        return self.filter(status__in=[NoticeStatus.RETRYING, NoticeStatus.FAILED])


class StaffNotice(models.Model):
    """One email telling staff to sign in and look at a course: it carries no clinical content,
    only the link. Kept so that a mail that never left is visible to the service administrator
    (and to the therapist on the course page) instead of lost in a worker's log."""

    link = models.ForeignKey(ClientLink, on_delete=models.PROTECT, related_name="notices")
    event = models.CharField(max_length=20, choices=NoticeEvent)
    recipients = models.JSONField(default=list, help_text="Email addresses written to.")
    status = models.CharField(max_length=20, choices=NoticeStatus, default=NoticeStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = StaffNoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_event_display()} ({self.get_status_display()})"


from client_area.diary_models import *  # noqa: E402, F401, F403
