from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from cases.models.access import visible_therapists_q


class Attendance(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    ATTENDED = "attended", "Attended"
    DID_NOT_ATTEND = "dna", "Did not attend"
    CANCELLED_CLIENT = "cancelled_client", "Cancelled by client"
    CANCELLED_CLINIC = "cancelled_clinic", "Cancelled by clinic"


class NoteStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SIGNED = "signed", "Signed"
    COSIGNED = "cosigned", "Co-signed"
    RETURNED = "returned", "Returned for revision"


class TaskReview(models.TextChoices):
    DONE = "done", "Done"
    PARTLY = "partly", "Partly done"
    NOT_DONE = "not_done", "Not done"
    NONE_SET = "none_set", "No task was set"


class RiskLevel(models.TextChoices):
    NONE = "none", "None"
    LOW = "low", "Low"
    MODERATE = "moderate", "Moderate"
    HIGH = "high", "High"


class SessionQuerySet(models.QuerySet):
    def visible_to(self, user) -> "SessionQuerySet":
        """The one access path to sessions: through the course's therapist."""
        return self.filter(visible_therapists_q(user, "course__therapist"))

    def not_void(self) -> "SessionQuerySet":
        return self.filter(voided_at__isnull=True)

    def attended(self) -> "SessionQuerySet":
        return self.not_void().filter(attendance=Attendance.ATTENDED)


class Session(models.Model):
    """One appointment of a course and, once held, its clinical note.

    Planned appointments are created with the course schedule (``attendance = scheduled``);
    only attended sessions take a ``number`` and so advance the phase. Never deleted: a session
    created by mistake is voided with a reason.
    """

    course = models.ForeignKey("cases.Course", on_delete=models.PROTECT, related_name="sessions")
    scheduled_for = models.DateTimeField(help_text="The planned date and time of the appointment.")
    planned_week = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Week of the planned schedule; empty for an extra session."
    )
    attendance = models.CharField(max_length=20, choices=Attendance, default=Attendance.SCHEDULED)
    held_at = models.DateTimeField(null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    number = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Attended-session number within the course."
    )
    follow_up_action = models.TextField(
        blank=True, help_text="After a missed appointment: what was done to re-engage the client."
    )

    # Every attended session.
    mood_rating = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    mood_account = models.TextField(blank=True)
    task_review = models.CharField(max_length=20, choices=TaskReview, blank=True)
    task_review_note = models.TextField(blank=True)
    techniques = models.JSONField(default=list, blank=True)
    risk_asked = models.BooleanField(null=True, blank=True)
    risk_level = models.CharField(max_length=20, choices=RiskLevel, blank=True)
    risk_action = models.TextField(blank=True)
    next_task = models.TextField(blank=True)
    next_task_person = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True)

    # Initial phase.
    diagnosis_given = models.BooleanField(default=False)
    psychoeducation_given = models.BooleanField(default=False)
    sick_role_explained = models.BooleanField(default=False)
    focal_area_discussed = models.BooleanField(default=False)

    # Termination phase.
    sessions_remaining_discussed = models.BooleanField(default=False)
    gains_reviewed = models.TextField(blank=True)
    ending_feelings = models.TextField(blank=True)

    # The note's life.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    status = models.CharField(max_length=20, choices=NoteStatus, default=NoteStatus.DRAFT)
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    cosigned_at = models.DateTimeField(null=True, blank=True)
    cosigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    voided_at = models.DateTimeField(null=True, blank=True)
    void_reason = models.TextField(blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["scheduled_for", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "number"],
                condition=Q(number__isnull=False),
                name="unique_session_number_per_course",
            ),
            models.CheckConstraint(
                condition=Q(mood_rating__isnull=True) | Q(mood_rating__lte=10),
                name="mood_rating_0_to_10",
            ),
            models.CheckConstraint(
                condition=Q(voided_at__isnull=True) | ~Q(void_reason=""),
                name="voided_session_has_reason",
            ),
        ]

    def __str__(self) -> str:
        if self.number:
            return f"Session {self.number} ({self.scheduled_for:%d %b %Y})"
        return f"Appointment {self.scheduled_for:%d %b %Y}"

    @property
    def is_attended(self) -> bool:
        return self.attendance == Attendance.ATTENDED and self.voided_at is None

    @property
    def is_signed(self) -> bool:
        return self.status in (NoteStatus.SIGNED, NoteStatus.COSIGNED)

    @property
    def is_void(self) -> bool:
        return self.voided_at is not None
