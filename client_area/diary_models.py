"""The client's between-session diary: what happened with people, in their own words.

Entries are part of the clinical record. The client never changes or removes one: a correction
is a new entry pointing at the one it corrects, so both stay readable. The therapist marks an
entry reviewed (and may turn it into a communication analysis in a draft note).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from cases.models.access import CourseScopedQuerySet

__all__ = ["DiaryEntry", "DiaryPerson", "TaskCheck"]


class DiaryEntryQuerySet(CourseScopedQuerySet):
    def unreviewed(self) -> "DiaryEntryQuerySet":
        return self.filter(reviewed_at__isnull=True)

    def originals(self) -> "DiaryEntryQuerySet":
        """Entries that are not themselves corrections of another one."""
        return self.filter(corrects__isnull=True)


class DiaryEntry(models.Model):
    course = models.ForeignKey("cases.Course", on_delete=models.PROTECT, related_name="+")
    happened_on = models.DateField("when it happened")
    person = models.ForeignKey(
        "inventory.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="who it was with",
    )
    who = models.CharField("who it was with (in your words)", max_length=120, blank=True)
    what_happened = models.TextField("what happened")
    felt = models.TextField("what I felt", blank=True)
    said = models.TextField("what I said, or did not say", blank=True)
    wish_said = models.TextField("what I wish I had said", blank=True)
    mood = models.PositiveSmallIntegerField(
        "my mood (0 = very low, 10 = very good)",
        validators=[MinValueValidator(0), MaxValueValidator(10)],
    )
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        help_text="The entry this one corrects; the original is kept as written.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    analysis = models.ForeignKey(
        "session_logs.CommunicationAnalysis",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The communication analysis the therapist made from this entry.",
    )

    objects = DiaryEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-happened_on", "-created_at", "-id"]
        verbose_name_plural = "diary entries"
        constraints = [
            models.CheckConstraint(condition=Q(mood__lte=10), name="diary_mood_0_to_10"),
            models.CheckConstraint(
                condition=Q(reviewed_at__isnull=True) | Q(reviewed_by__isnull=False),
                name="diary_review_has_reviewer",
            ),
        ]

    def __str__(self) -> str:
        return f"Diary entry {self.pk} for course {self.course_id}"

    @property
    def with_whom(self) -> str:
        """The other person, as the client named them (first name only for a shared person)."""
        if self.person_id is not None:
            return self.person.name.split()[0] if self.person.name.strip() else ""
        return self.who


class TaskCheckQuerySet(CourseScopedQuerySet):
    pass


class TaskCheck(models.Model):
    """The client's word on the week's task: tried it or not yet, and how it went."""

    course = models.ForeignKey("cases.Course", on_delete=models.PROTECT, related_name="+")
    session = models.ForeignKey(
        "session_logs.Session",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The signed session whose task this is about.",
    )
    tried = models.BooleanField("I tried it")
    how_it_went = models.CharField("how it went", max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TaskCheckQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Task check {self.pk} for course {self.course_id}"


class DiaryPersonQuerySet(CourseScopedQuerySet):
    def shared(self) -> "DiaryPersonQuerySet":
        return self.filter(shared=True)


class DiaryPerson(models.Model):
    """The therapist's choice: this inventory person is offered, by first name, in the diary."""

    course = models.ForeignKey("cases.Course", on_delete=models.PROTECT, related_name="+")
    person = models.OneToOneField(
        "inventory.Person", on_delete=models.PROTECT, related_name="diary_share"
    )
    shared = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = DiaryPersonQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Diary sharing of person {self.person_id}"
