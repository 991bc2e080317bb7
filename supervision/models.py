"""What a clinical supervisor leaves behind: note reviews, comments, fidelity ratings, the log.

Every row is reached through the course's (or the supervisee's) therapist with
``visible_therapists_q``, so a supervisor sees only their supervisees' and a therapist only
their own. Nothing here is deleted: a comment or a rating is a record of supervision.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from cases.models.access import CourseScopedQuerySet, visible_therapists_q


class ReviewAction(models.TextChoices):
    COSIGNED = "cosigned", "Co-signed"
    RETURNED = "returned", "Returned for revision"


class NoteReviewQuerySet(CourseScopedQuerySet):
    course_path = "session__course"


class NoteReview(models.Model):
    """A supervisor's decision on a trainee's signed note: co-signed, or returned with a comment.

    ``note_snapshot`` keeps the note as it stood when reviewed, so the text a trainee signed
    before a return stays readable after they revise it.
    """

    session = models.ForeignKey(
        "session_logs.Session", on_delete=models.PROTECT, related_name="reviews"
    )
    action = models.CharField(max_length=20, choices=ReviewAction)
    comment = models.TextField(blank=True)
    note_snapshot = models.JSONField(default=dict, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(default=timezone.now)

    objects = NoteReviewQuerySet.as_manager()

    class Meta:
        ordering = ["reviewed_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(action="returned") | ~Q(comment=""),
                name="returned_note_has_comment",
                violation_error_message="Say what needs revising when you return a note.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.session}"


class SupervisorComment(models.Model):
    """A supervisor's comment on a session note or on a formulation version, shown beside it."""

    course = models.ForeignKey(
        "cases.Course", on_delete=models.PROTECT, related_name="supervisor_comments"
    )
    session = models.ForeignKey(
        "session_logs.Session",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supervisor_comments",
    )
    formulation = models.ForeignKey(
        "inventory.Formulation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supervisor_comments",
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField("comment")
    created_at = models.DateTimeField(default=timezone.now)

    objects = CourseScopedQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(session__isnull=False, formulation__isnull=True)
                | Q(session__isnull=True, formulation__isnull=False),
                name="comment_on_one_record",
            )
        ]

    def __str__(self) -> str:
        return f"Comment by {self.author} on {self.session or self.formulation}"


class FidelityRating(models.Model):
    """A supervisor's rating of a course on the IPT adherence and quality rubric, on one date.

    ``scores`` maps each rubric domain key (``supervision.rubric.DOMAINS``) to 1-5. Ratings are
    kept, never edited: rating the course again on a later date adds a row, so change shows.
    """

    course = models.ForeignKey(
        "cases.Course", on_delete=models.PROTECT, related_name="fidelity_ratings"
    )
    reviewed_on = models.DateField("review date", default=timezone.localdate)
    scores = models.JSONField(default=dict)
    comments = models.TextField(blank=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = CourseScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-reviewed_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "reviewed_on"],
                name="one_fidelity_rating_per_course_and_date",
                violation_error_message="This course already has a rating on that date.",
            )
        ]

    def __str__(self) -> str:
        return f"Fidelity rating of {self.course} on {self.reviewed_on:%d %b %Y}"


class SupervisionEntryQuerySet(models.QuerySet):
    def visible_to(self, user) -> "SupervisionEntryQuerySet":
        return self.filter(visible_therapists_q(user, "therapist"))


class SupervisionEntry(models.Model):
    """One supervision meeting with a therapist: the courses discussed, decisions, and actions."""

    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervision_entries"
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    met_on = models.DateField("date of supervision", default=timezone.localdate)
    courses = models.ManyToManyField(
        "cases.Course",
        blank=True,
        related_name="supervision_entries",
        verbose_name="courses discussed",
    )
    decisions = models.TextField("decisions", blank=True)
    actions = models.TextField("actions agreed", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    objects = SupervisionEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-met_on", "-id"]
        verbose_name_plural = "supervision entries"

    def __str__(self) -> str:
        return f"Supervision with {self.therapist} on {self.met_on:%d %b %Y}"


class CourseFlagState(models.Model):
    """What the dashboard sorts and filters by, per course, worked out by the flag rules
    (``supervision.flag_state``) and kept so a supervisor's hundreds of courses are ordered in
    the database. Never trusted when stale: every write to the course or to a record of it
    bumps ``version`` in the same transaction (database triggers, ``audit.course_versions``),
    and a reader works out again each course whose ``computed_version`` or ``rules`` differ.
    Open risk is never stored (read live); the two flags that depend on the day are stored as
    the day they become true (``unsigned_from``, ``overdue_from``) and compared with today."""

    course = models.OneToOneField(
        "cases.Course", on_delete=models.PROTECT, primary_key=True, related_name="flag_state"
    )
    version = models.BigIntegerField(db_default=0)
    # The ``version`` read before the facts were read; None until first worked out.
    computed_version = models.BigIntegerField(null=True)
    rules = models.CharField(max_length=40, db_default="")
    # The stored flags (all but open risk, unsigned and overdue): bit i is ``FLAGS[i]``.
    flags = models.BigIntegerField(db_default=0)
    flag_count = models.PositiveSmallIntegerField(db_default=0)
    unsigned_from = models.DateField(null=True)
    overdue_from = models.DateField(null=True)
    phase_rank = models.PositiveSmallIntegerField(null=True)
    focal_area = models.CharField(max_length=80, db_default="")
    secondary_area = models.CharField(max_length=80, db_default="")
    depression_first = models.IntegerField(null=True)
    depression_last = models.IntegerField(null=True)
    # Every valid total of the course's depression measure, oldest first (the row's trend).
    depression_series = models.JSONField(null=True)
    outcome_rank = models.IntegerField(null=True)
    outcome_summary = models.TextField(db_default="")
    # The link to the first evidence of each trap tripped, by flag key.
    links = models.JSONField(null=True)

    objects = CourseScopedQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Flag state of course {self.course_id}"
