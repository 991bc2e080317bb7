import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q

from cases.models.access import CourseScopedQuerySet


class Relationship(models.TextChoices):
    PARTNER = "partner", "Partner"
    PARENT = "parent", "Parent"
    CHILD = "child", "Child"
    SIBLING = "sibling", "Sibling"
    FRIEND = "friend", "Friend"
    COLLEAGUE = "colleague", "Colleague"
    MANAGER = "manager", "Manager"
    OTHER = "other", "Other"


class Closeness(models.TextChoices):
    INNER = "inner", "Inner circle"
    MIDDLE = "middle", "Middle circle"
    OUTER = "outer", "Outer circle"


class SupportLevel(models.TextChoices):
    NONE = "none", "No real support"
    SOME = "some", "Some support"
    STRONG = "strong", "Strong support"


class ConflictLevel(models.TextChoices):
    NONE = "none", "No conflict"
    SOME = "some", "Some conflict"
    HIGH = "high", "Serious conflict"


class RelationshipStatus(models.TextChoices):
    CURRENT = "current", "Current"
    ENDED = "ended", "Ended"
    ESTRANGED = "estranged", "Estranged (no contact)"
    DECEASED = "deceased", "Deceased"


# Fewer people than this and completing the inventory needs a recorded reason.
FEW_PEOPLE = 3

# The written fields of which at least one must be filled, beside the communication pattern and
# what the client would like to change, for a person's details to count as recorded.
RELATIONSHIP_TEXT_FIELDS = (
    "support_given",
    "support_received",
    "conflict",
    "intimacy",
    "expectations_met",
    "expectations_unmet",
    "disappointments",
    "recent_changes",
)


def details_q() -> Q:
    any_text = Q()
    for name in RELATIONSHIP_TEXT_FIELDS:
        any_text |= ~Q(**{name: ""})
    return ~Q(communication_pattern="") & ~Q(wanted_change="") & any_text


DETAILS_RULE = (
    "how they communicate, what the client would like to change, and at least one of "
    "support, conflict, intimacy, expectations, disappointments or recent changes"
)


class PersonQuerySet(CourseScopedQuerySet):
    def current(self) -> "PersonQuerySet":
        return self.filter(removed_at__isnull=True)

    def with_details(self) -> "PersonQuerySet":
        """People whose details are recorded (the rule: ``DETAILS_RULE``, ``has_details``)."""
        return self.filter(details_q())

    def details_count(self) -> dict[str, int]:
        """``{"people": n, "with_details": m}`` in one query."""
        return self.aggregate(
            people=models.Count("id"), with_details=models.Count("id", filter=details_q())
        )


class Person(models.Model):
    """An important person in the client's life, as recorded on the interpersonal inventory."""

    course = models.ForeignKey("cases.Course", on_delete=models.PROTECT, related_name="people")
    name = models.CharField("name or label", max_length=120)
    relationship = models.CharField(max_length=20, choices=Relationship)
    closeness = models.CharField(max_length=10, choices=Closeness, default=Closeness.MIDDLE)
    support_level = models.CharField(
        "support overall", max_length=10, choices=SupportLevel, default=SupportLevel.SOME
    )
    conflict_level = models.CharField(
        "conflict overall", max_length=10, choices=ConflictLevel, default=ConflictLevel.NONE
    )
    contact_frequency = models.CharField("frequency of contact", max_length=120, blank=True)
    support_given = models.TextField(blank=True)
    support_received = models.TextField(blank=True)
    conflict = models.TextField(blank=True)
    intimacy = models.TextField(blank=True)
    expectations_met = models.TextField(blank=True)
    expectations_unmet = models.TextField(blank=True)
    disappointments = models.TextField(blank=True)
    recent_changes = models.TextField(blank=True)
    communication_pattern = models.TextField(
        "how they communicate",
        blank=True,
        help_text="How the two of them talk, or avoid talking: what happens when they disagree.",
    )
    relationship_status = models.CharField(
        "the relationship now",
        max_length=10,
        choices=RelationshipStatus,
        default=RelationshipStatus.CURRENT,
    )
    wanted_change = models.TextField(
        "what the client would like to change",
        blank=True,
        help_text="In this relationship, in the client's words.",
    )
    # Kept beside ``relationship_status`` (which it mirrors, see ``save``) for the code that
    # reads it; a constraint keeps the two in step.
    is_deceased = models.BooleanField("deceased", default=False)
    date_of_death = models.DateField(null=True, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["closeness", "name", "id"]
        verbose_name_plural = "people"
        constraints = [
            models.CheckConstraint(
                condition=Q(is_deceased=True, relationship_status="deceased")
                | (Q(is_deceased=False) & ~Q(relationship_status="deceased")),
                name="person_deceased_matches_status",
                violation_error_message="A person who has died has the status deceased.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_relationship_display().lower()})"

    def save(self, *args, **kwargs):
        # One fact, two columns: whichever says "deceased" wins, so older callers that only set
        # ``is_deceased`` keep working.
        deceased = self.is_deceased or self.relationship_status == RelationshipStatus.DECEASED
        self.is_deceased = deceased
        if deceased:
            self.relationship_status = RelationshipStatus.DECEASED
        super().save(*args, **kwargs)

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None

    @property
    def has_details(self) -> bool:
        """Same rule as ``PersonQuerySet.with_details``."""
        return bool(
            self.communication_pattern
            and self.wanted_change
            and any(getattr(self, name) for name in RELATIONSHIP_TEXT_FIELDS)
        )

    @property
    def relationship_is_over(self) -> bool:
        """Ended or estranged: drawn grey and broken on the map."""
        return self.relationship_status in (RelationshipStatus.ENDED, RelationshipStatus.ESTRANGED)


class InventoryCompletion(models.Model):
    """The therapist's statement that the inventory is complete enough to choose a focus."""

    course = models.OneToOneField(
        "cases.Course", on_delete=models.PROTECT, related_name="inventory_completion"
    )
    completed_on = models.DateField()
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    people_count = models.PositiveSmallIntegerField()
    # Null for completions recorded before details were counted.
    people_with_details = models.PositiveSmallIntegerField(null=True, blank=True)
    reason = models.TextField(
        "why so few people", blank=True, help_text="Needed when fewer than three people are named."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Inventory of {self.course} completed on {self.completed_on}"


class InventorySnapshot(models.Model):
    """A frozen copy of the inventory (closeness, support, conflict) at one moment."""

    course = models.ForeignKey(
        "cases.Course", on_delete=models.PROTECT, related_name="inventory_snapshots"
    )
    label = models.CharField(max_length=80, help_text="For example: start, mid-course, end.")
    taken_on = models.DateField()
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CourseScopedQuerySet.as_manager()

    class Meta:
        ordering = ["taken_on", "id"]

    def __str__(self) -> str:
        return f"{self.label} ({self.taken_on})"


class SnapshotEntryQuerySet(CourseScopedQuerySet):
    course_path = "snapshot__course"


class SnapshotEntry(models.Model):
    snapshot = models.ForeignKey(
        InventorySnapshot, on_delete=models.PROTECT, related_name="entries"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=120)
    closeness = models.CharField(max_length=10, choices=Closeness)
    support_level = models.CharField(max_length=10, choices=SupportLevel)
    conflict_level = models.CharField(max_length=10, choices=ConflictLevel)
    # Blank in snapshots taken before these were recorded: "not recorded", never a change.
    relationship_status = models.CharField(max_length=10, choices=RelationshipStatus, blank=True)
    communication_pattern = models.TextField(blank=True)
    wanted_change = models.TextField(blank=True)

    objects = SnapshotEntryQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "person"], name="one_entry_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.name} in {self.snapshot}"


class EventKind(models.TextChoices):
    LOSS = "loss", "Death or loss"
    CONFLICT = "conflict", "Conflict"
    ROLE_CHANGE = "role_change", "Role change"
    ISOLATION = "isolation", "Isolation"
    OTHER = "other", "Other event"
    MOOD_ONSET = "mood_onset", "Mood: onset of depression"
    MOOD_WORSENING = "mood_worsening", "Mood: worsening"
    MOOD_IMPROVEMENT = "mood_improvement", "Mood: improvement"


MOOD_KINDS = (EventKind.MOOD_ONSET, EventKind.MOOD_WORSENING, EventKind.MOOD_IMPROVEMENT)


class TimelineEventQuerySet(CourseScopedQuerySet):
    def current(self) -> "TimelineEventQuerySet":
        return self.filter(removed_at__isnull=True)

    def interpersonal(self) -> "TimelineEventQuerySet":
        return self.exclude(kind__in=MOOD_KINDS)

    def mood_markers(self) -> "TimelineEventQuerySet":
        return self.filter(kind__in=MOOD_KINDS)


class TimelineEvent(models.Model):
    """One row on the timeline: an interpersonal event, or a mood marker (onset, worse, better).

    Mood markers share the table so the axis reads them in one ordered query; ``kind`` tells
    them apart.
    """

    course = models.ForeignKey("cases.Course", on_delete=models.PROTECT, related_name="timeline")
    kind = models.CharField(max_length=20, choices=EventKind)
    occurred_on = models.DateField("date")
    month_only = models.BooleanField(
        "only the month is known", default=False, help_text="The day is then ignored."
    )
    description = models.CharField(max_length=300)
    people = models.ManyToManyField(Person, blank=True, related_name="events")
    removed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    objects = TimelineEventQuerySet.as_manager()

    class Meta:
        ordering = ["occurred_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(month_only=False) | Q(occurred_on__day=1),
                name="month_only_event_on_first_day",
            )
        ]

    def __str__(self) -> str:
        return f"{self.when_label}: {self.description}"

    @property
    def is_mood_marker(self) -> bool:
        return self.kind in MOOD_KINDS

    @property
    def when_label(self) -> str:
        if self.month_only:
            return self.occurred_on.strftime("%B %Y")
        return f"{self.occurred_on.day} {self.occurred_on.strftime('%B %Y')}"

    @staticmethod
    def normalise(day: datetime.date, month_only: bool) -> datetime.date:
        return day.replace(day=1) if month_only else day


# Declared in its own module (its own topic); imported here so Django registers it.
from inventory.formulation_model import Formulation, FormulationConfirmation  # noqa: E402, F401
