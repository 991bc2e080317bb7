"""What the initial phase agreed with the client, in words: suitability, the course length and
end date, the sick role (and, at termination, the roles taken back).

All three are kept as a history: a correction or a new agreement is a new row, the latest one
is current, and nothing is overwritten (two tabs both saving leave two rows, never a lost one).
"""

import datetime

from django.conf import settings
from django.db import models


class InitialRecordQuerySet(models.QuerySet):
    def latest_first(self):
        return self.order_by("-recorded_at", "-id")


class SuitabilityRecord(models.Model):
    """Why IPT was chosen for this client, written when the course is opened."""

    course = models.ForeignKey(
        "cases.Course", on_delete=models.PROTECT, related_name="suitability_records"
    )
    why_ipt = models.TextField(
        "why IPT for this client",
        help_text="For example: depression that began with a loss, a dispute or a life change.",
    )
    exclusions_considered = models.TextField(
        "exclusions considered",
        help_text="What was checked and ruled out: acute psychosis, mania, a crisis that needs "
        "stabilising first, substance use or memory problems that would get in the way.",
    )
    alternatives_offered = models.TextField(
        "what else was offered",
        help_text="Other treatments discussed with the client (medication, CBT, counselling, "
        "none) and what they chose.",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = InitialRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded_at", "-id"]

    def __str__(self) -> str:
        return f"Suitability for {self.course}"


class LengthAgreement(models.Model):
    """The number of sessions and the end date the client agreed to.

    ``sessions`` is a copy of the course's planned length on the day of agreement: the plan
    (``Course.planned_sessions``) stays the one number that drives phases and appointments,
    and an agreement whose number no longer matches it is shown as out of date.
    """

    course = models.ForeignKey(
        "cases.Course", on_delete=models.PROTECT, related_name="length_agreements"
    )
    sessions = models.PositiveSmallIntegerField("sessions agreed")
    ends_by = models.DateField("last session by")
    agreed_on = models.DateField("agreed with the client on")
    agreed_with = models.CharField(
        "who took part",
        max_length=200,
        help_text="The client, and a parent, carer or partner if they were there.",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = InitialRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_by__gte=models.F("agreed_on")),
                name="length_agreement_ends_after_agreed",
                violation_error_message="The end date cannot be before the day it was agreed.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.sessions} sessions agreed on {self.agreed_on} for {self.course}"


class SickRoleKind(models.TextChoices):
    GIVEN = "given", "Sick role given"
    RESUMED = "resumed", "Roles resumed"


class SickRoleEntry(models.Model):
    """The temporary sick role as agreed early in the course, and the roles taken back later."""

    course = models.ForeignKey(
        "cases.Course", on_delete=models.PROTECT, related_name="sick_role_entries"
    )
    kind = models.CharField(max_length=10, choices=SickRoleKind)
    on = models.DateField("date")
    agreed = models.TextField("what was agreed")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = InitialRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name_plural = "sick role entries"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.on} for {self.course}"


def last_session_date(start: datetime.date, sessions: int) -> datetime.date:
    """The date of the last of ``sessions`` weekly sessions from ``start``."""
    return start + datetime.timedelta(weeks=max(sessions, 1) - 1)
