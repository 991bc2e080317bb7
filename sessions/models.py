from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse

from cases.models.access import CourseScopedQuerySet
from cases.phases import PHASE_LABELS
from sessions.plans import (  # noqa: F401 - the course plans live with their versions
    CoursePlanQuerySet,
    FollowUpKind,
    FollowUpPlan,
    FollowUpPlanVersion,
    RelapsePlanVersion,
    RelapsePreventionPlan,
)
from sessions.risk_ratings import RiskLevel  # noqa: F401 - shared with booster sessions

# The prompts of a maintenance course's session note (in place of the acute phases' own).
MAINTENANCE_NOTE_FIELDS = (
    "focal_area_review",
    "warning_signs_noticed",
    "events_since_last",
    "relapse_plan_reviewed",
)

# The note fields a therapist writes; everything else is the note's life.
NOTE_FIELDS = (
    "mood_rating",
    "mood_account",
    "task_review",
    "task_review_note",
    "techniques",
    "risk_asked",
    "risk_level",
    "risk_action",
    "next_task",
    "next_task_person",
    "note",
    "diagnosis_given",
    "psychoeducation_given",
    "sick_role_explained",
    "focal_area_discussed",
    "sessions_remaining_discussed",
    "gains_reviewed",
    "ending_feelings",
    *MAINTENANCE_NOTE_FIELDS,
    "rhythm_review",
    "rhythm_goal",
)


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


class SessionQuerySet(CourseScopedQuerySet):
    def not_void(self) -> "SessionQuerySet":
        return self.filter(voided_at__isnull=True)

    def attended(self) -> "SessionQuerySet":
        return self.not_void().filter(attendance=Attendance.ATTENDED)

    def scheduled(self) -> "SessionQuerySet":
        """Appointments still to be recorded, earliest first."""
        return (
            self.not_void().filter(attendance=Attendance.SCHEDULED).order_by("scheduled_for", "id")
        )

    def awaiting_cosignature(self) -> "SessionQuerySet":
        """Signed notes whose signer is a trainee: the rule of ``Session.awaiting_cosignature``."""
        from accounts.models import User

        # Whoever signed it, or its author when no signer is recorded: one expression, so
        # the supervisor's list reads the few trainees' notes from ``awaiting_signer_idx``
        # instead of every signed note of the service.
        return (
            self.not_void()
            .alias(awaiting_signer=Coalesce("signed_by", "author"))
            .filter(
                awaiting_signer__in=User.objects.filter(is_trainee=True).values("pk"),
                status=NoteStatus.SIGNED,
            )
        )

    def editable_by(self, user) -> "SessionQuerySet":
        """Sessions ``user`` may write to: only the treating therapist's."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(course__therapist=user)


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
    people_involved = models.ManyToManyField(
        "inventory.Person",
        blank=True,
        related_name="sessions_involved",
        help_text="People from the inventory involved in the mood changes since last session.",
    )

    # Initial phase.
    diagnosis_given = models.BooleanField(default=False)
    psychoeducation_given = models.BooleanField(default=False)
    sick_role_explained = models.BooleanField(default=False)
    focal_area_discussed = models.BooleanField(default=False)

    # Termination phase.
    sessions_remaining_discussed = models.BooleanField(default=False)
    gains_reviewed = models.TextField(blank=True)
    ending_feelings = models.TextField(blank=True)
    # IPSRT's middle phase: the social rhythm record reviewed, and the routine aimed for next.
    rhythm_review = models.TextField(blank=True)
    rhythm_goal = models.TextField(blank=True)

    # Maintenance course sessions (in place of the acute phases' prompts).
    focal_area_review = models.TextField(blank=True)
    warning_signs_noticed = models.TextField(blank=True)
    events_since_last = models.TextField(blank=True)
    relapse_plan_reviewed = models.BooleanField(default=False)

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
    # A termination note is signed with the course's plans as they stand: frozen here.
    signed_relapse_plan = models.ForeignKey(
        "session_logs.RelapsePlanVersion",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    signed_follow_up_plan = models.ForeignKey(
        "session_logs.FollowUpPlanVersion",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
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
        indexes = [
            # The notes awaiting co-signature (``SessionQuerySet.awaiting_cosignature``).
            models.Index(
                Coalesce("signed_by", "author"),
                name="awaiting_signer_idx",
                condition=Q(status="signed", voided_at__isnull=True),
            ),
            # Notes returned for revision (``review_history.returned_to``, every caseload).
            models.Index(
                fields=["course"],
                name="returned_note_idx",
                condition=Q(status="returned", voided_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        if self.number:
            return f"Session {self.number} ({self.scheduled_for:%d %b %Y})"
        return f"Appointment {self.scheduled_for:%d %b %Y}"

    def get_absolute_url(self) -> str:
        return reverse("sessions:detail", args=[self.pk])

    def get_edit_url(self) -> str:
        return reverse("sessions:edit", args=[self.pk])

    @property
    def is_attended(self) -> bool:
        return self.attendance == Attendance.ATTENDED and self.voided_at is None

    @property
    def is_signed(self) -> bool:
        return self.status in (NoteStatus.SIGNED, NoteStatus.COSIGNED)

    @property
    def is_void(self) -> bool:
        return self.voided_at is not None

    @property
    def is_editable(self) -> bool:
        """Only a draft (or a note returned by the supervisor) can change; signed is final."""
        return self.status in (NoteStatus.DRAFT, NoteStatus.RETURNED) and not self.is_void

    @property
    def phase(self) -> str | None:
        """The IPT phase of an attended session; ``None`` for one not (yet) held."""
        if not self.number:
            return None
        return self.course.phase_of(self.number)

    @property
    def phase_label(self) -> str:
        return PHASE_LABELS.get(self.phase or "", "")

    @property
    def is_extra(self) -> bool:
        """An attended session beyond the number planned for the course."""
        return bool(self.number) and self.number > self.course.planned_sessions

    @property
    def awaiting_cosignature(self) -> bool:
        """A trainee's signed note waits for the supervisor's co-signature."""
        author = self.signed_by or self.author
        return self.status == NoteStatus.SIGNED and bool(author and author.is_trainee)

    @property
    def has_task(self) -> bool:
        return bool(self.next_task.strip())

    @property
    def when(self):
        return self.held_at or self.scheduled_for


class SessionRecordQuerySet(CourseScopedQuerySet):
    course_path = "session__course"


class SessionRecord(models.Model):
    """A repeatable piece of a session's note. Part of the note: frozen when it is signed."""

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SessionRecordQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name.capitalize()} in {self.session}"


class EditableRecord(SessionRecord):
    """A record the therapist can correct while the note is a draft (version-checked)."""

    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta(SessionRecord.Meta):
        abstract = True


class CommunicationAnalysis(EditableRecord):
    session = models.ForeignKey(
        Session, on_delete=models.PROTECT, related_name="communication_analyses"
    )
    scene = models.TextField(help_text="Where and when, and the client's mood beforehand.")
    exchange = models.TextField(
        "the exchange", help_text="What was said, in the words actually used, turn by turn."
    )
    tone = models.TextField("tone and non-verbal", blank=True)
    meant = models.TextField("what the client meant", blank=True)
    heard = models.TextField("what the other person probably heard", blank=True)
    feelings = models.TextField(blank=True)
    alternatives = models.TextField("other ways to say it", blank=True)
    role_played = models.BooleanField("the alternatives were role-played", default=False)
    outcome = models.TextField("how it went when tried", blank=True)

    class Meta(EditableRecord.Meta):
        verbose_name_plural = "communication analyses"


class RolePlay(EditableRecord):
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="role_plays")
    rehearsed = models.TextField("what was rehearsed")
    with_whom = models.CharField("the other person played", max_length=200, blank=True)
    how_it_went = models.TextField("how it went", blank=True)


class DecisionAnalysis(EditableRecord):
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="decision_analyses")
    decision = models.TextField("the decision to be made")
    options = models.TextField(
        "options, with pros and cons",
        blank=True,
        help_text="One option per paragraph, each with its pros and cons.",
    )
    choice = models.TextField("what the client chose", blank=True)
    next_step = models.TextField("next step", blank=True)

    class Meta(EditableRecord.Meta):
        verbose_name_plural = "decision analyses"


class Addendum(SessionRecord):
    """A correction or addition written after the note was signed. Never changed."""

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="addenda")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()

    class Meta(SessionRecord.Meta):
        verbose_name_plural = "addenda"


# The focal-area sections of a note live in their own module; imported last (they build on
# SessionRecord above) and named here so ``sessions.models`` stays the one place to import from.
# A booster session after a course has ended: its own small record, kept in its own module.
# How many sessions each course attended, stored for service-wide figures (``sessions.tallies``).
from sessions.attendance_tally import AttendanceTally  # noqa: E402, F401
from sessions.boosters import BoosterSession  # noqa: E402, F401
from sessions.focal_records import DisputeStage, FocalAreaWork, FocalWorkPerson  # noqa: E402, F401

# The goal-progress marks are a part of the note, kept in their own module.
from sessions.goal_progress import GoalProgress  # noqa: E402, F401
from sessions.questionnaire_drafts import QuestionnaireDraft  # noqa: E402, F401
