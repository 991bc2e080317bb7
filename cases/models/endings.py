"""How a course ended (or was extended at its end), kept as history: reopening a course marks
its ending as reopened but never erases it."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from cases.models.courses import EndReason

MAX_EXTRA_SESSIONS = 12


class NextStep(models.TextChoices):
    """What happens after the course, decided at its end when the client is not well yet."""

    EXTEND = "extend", "Extend this course by a few sessions"
    MAINTENANCE = "maintenance", "Maintenance course, to be opened later"
    MEDICATION_REVIEW = "medication_review", "Medication review"
    REFER_ON = "refer_on", "Referral on to another service"
    CLIENT_CHOICE = "client_choice", "The client chose to stop"
    OTHER = "other", "Other"


class EndingKind(models.TextChoices):
    COMPLETED = "completed", "Completed"
    ENDED_EARLY = "ended_early", "Ended early"
    EXTENDED = "extended", "Extended at its end"


class CourseEndingQuerySet(models.QuerySet):
    def standing(self) -> "CourseEndingQuerySet":
        """Endings that still stand: the course was closed by them and not reopened since."""
        return self.filter(
            kind__in=[EndingKind.COMPLETED, EndingKind.ENDED_EARLY], reopened_at__isnull=True
        )


class CourseEnding(models.Model):
    """One ending of a course: completion with its decision, an early ending with its risk
    handover, or an extension decided at the end. Never deleted."""

    course = models.ForeignKey("cases.Course", on_delete=models.PROTECT, related_name="endings")
    kind = models.CharField(max_length=20, choices=EndingKind)
    ended_on = models.DateField(null=True, blank=True)
    sessions_held = models.PositiveSmallIntegerField(default=0)
    planned_sessions = models.PositiveSmallIntegerField(default=0)
    decision = models.CharField("what happens next", max_length=30, choices=NextStep, blank=True)
    extra_sessions = models.PositiveSmallIntegerField(null=True, blank=True)
    decision_reason = models.TextField("reason for the decision", blank=True)
    end_reason = models.CharField(max_length=20, choices=EndReason, blank=True)
    end_note = models.TextField(blank=True)
    open_risk_flags = models.PositiveSmallIntegerField(
        default=0, help_text="Suicide-risk flags still open when the course ended."
    )
    handover_told = models.TextField("who was told about the open risk", blank=True)
    handover_arranged = models.TextField("what was arranged", blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reopened_at = models.DateTimeField(null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    reopen_reason = models.TextField(blank=True)

    objects = CourseEndingQuerySet.as_manager()

    class Meta:
        ordering = ["recorded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision="") | ~Q(decision_reason=""),
                name="ending_decision_has_reason",
                violation_error_message="A decision needs a reason.",
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind="extended", decision="extend", extra_sessions__gte=1)
                    | (~Q(kind="extended") & ~Q(decision="extend"))
                ),
                name="ending_extension_has_sessions",
                violation_error_message="An extension needs the number of extra sessions.",
            ),
            models.CheckConstraint(
                condition=~Q(kind="ended_early") | ~Q(end_reason=""),
                name="ending_early_has_reason",
                violation_error_message="An early ending needs a reason.",
            ),
            models.CheckConstraint(
                condition=Q(open_risk_flags=0) | (~Q(handover_told="") & ~Q(handover_arranged="")),
                name="ending_with_open_risk_has_handover",
                violation_error_message="Ending with an open risk flag needs a risk handover.",
            ),
            models.CheckConstraint(
                condition=Q(reopened_at__isnull=True) | ~Q(reopen_reason=""),
                name="ending_reopened_with_reason",
                violation_error_message="Reopening a course needs a reason.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: course {self.course_id}"

    @property
    def decision_text(self) -> str:
        """The decision in one phrase, with the number of sessions for an extension."""
        if not self.decision:
            return ""
        if self.decision == NextStep.EXTEND:
            n = self.extra_sessions or 0
            return f"Extended by {n} session{'s' if n != 1 else ''}"
        return self.get_decision_display()
