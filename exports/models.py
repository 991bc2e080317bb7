"""What the exports app keeps: calendar feed tokens and subject access requests."""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q


def token_hash(token: str) -> str:
    """The stored form of a feed token: a SHA-256 digest (the token itself is shown once)."""
    return hashlib.sha256(token.encode()).hexdigest()


class CalendarFeedQuerySet(models.QuerySet):
    def live(self) -> "CalendarFeedQuerySet":
        return self.filter(revoked_at__isnull=True)

    def for_token(self, token: str) -> "CalendarFeed | None":
        return self.live().select_related("therapist").filter(token_hash=token_hash(token)).first()


class CalendarFeed(models.Model):
    """A therapist's private calendar feed. The URL's token is stored only as its hash, so a
    database copy cannot be used to read anyone's diary. Revoked, never deleted."""

    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="calendar_feeds"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_read_at = models.DateTimeField(null=True, blank=True)

    objects = CalendarFeedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["therapist"],
                condition=Q(revoked_at__isnull=True),
                name="one_live_calendar_feed_per_therapist",
            )
        ]

    def __str__(self) -> str:
        state = "revoked" if self.revoked_at else "live"
        return f"Calendar feed of {self.therapist} ({state})"


class SubjectAccessRequestQuerySet(models.QuerySet):
    def visible_to(self, user) -> "SubjectAccessRequestQuerySet":
        """Subject access requests are the service administrator's work; nobody else's."""
        if getattr(user, "is_authenticated", False) and user.is_active and user.is_service_admin:
            return self.all()
        return self.none()


class SubjectAccessRequest(models.Model):
    """A client's request for their whole record, with what was withheld from it and why.

    ``withheld`` is a list of {"record": "app.model:pk", "reason": "..."}: the redaction step's
    decisions, kept with the request so the release can be explained later.
    """

    client = models.ForeignKey(
        "cases.Client", on_delete=models.PROTECT, related_name="subject_access_requests"
    )
    reference = models.CharField(
        "request reference", max_length=60, help_text="The reference the request was logged under."
    )
    received_on = models.DateField("request received on")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    withheld = models.JSONField(default=list, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    objects = SubjectAccessRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at", "-id"]

    def __str__(self) -> str:
        return f"Subject access request {self.reference}"

    @property
    def withheld_keys(self) -> set[str]:
        return {item["record"] for item in self.withheld}
