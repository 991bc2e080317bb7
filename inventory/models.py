from django.db import models

from cases.models.access import visible_therapists_q


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


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PersonQuerySet":
        return self.filter(visible_therapists_q(user, "course__therapist"))

    def current(self) -> "PersonQuerySet":
        return self.filter(removed_at__isnull=True)


class Person(models.Model):
    """An important person in the client's life, as recorded on the interpersonal inventory."""

    course = models.ForeignKey("cases.Course", on_delete=models.PROTECT, related_name="people")
    name = models.CharField("name or label", max_length=120)
    relationship = models.CharField(max_length=20, choices=Relationship)
    closeness = models.CharField(max_length=10, choices=Closeness, default=Closeness.MIDDLE)
    contact_frequency = models.CharField("frequency of contact", max_length=120, blank=True)
    support_given = models.TextField(blank=True)
    support_received = models.TextField(blank=True)
    conflict = models.TextField(blank=True)
    intimacy = models.TextField(blank=True)
    expectations_met = models.TextField(blank=True)
    expectations_unmet = models.TextField(blank=True)
    disappointments = models.TextField(blank=True)
    recent_changes = models.TextField(blank=True)
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

    def __str__(self) -> str:
        return f"{self.name} ({self.get_relationship_display().lower()})"
