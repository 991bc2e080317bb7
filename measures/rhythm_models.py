"""The social rhythm record of an IPSRT course: one row per day of the client's weekly sheet.

Never deleted. A correction never edits a day: it adds a new row for the day and marks the old
one replaced (``replaced_at``, ``replaced_by``), so every earlier version stays readable.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from cases.models.access import CourseScopedQuerySet
from measures.rhythm import ANCHOR_KEYS, ANCHORS


class Company(models.TextChoices):
    """Who was there at the anchor (the SRM's "people" column, shortened to three answers)."""

    ALONE = "alone", "Alone"
    PRESENT = "present", "Present: others there"
    INVOLVED = "involved", "Involved: others actively involved"


class RhythmDayQuerySet(CourseScopedQuerySet):
    def current(self) -> "RhythmDayQuerySet":
        """Each day's latest version: what scores and charts read."""
        return self.filter(replaced_at__isnull=True)


class SocialRhythmDay(models.Model):
    course = models.ForeignKey("cases.Course", on_delete=models.PROTECT, related_name="rhythm_days")
    day = models.DateField()
    out_of_bed = models.TimeField(null=True, blank=True)
    out_of_bed_with = models.CharField(max_length=10, choices=Company, blank=True)
    first_contact = models.TimeField(null=True, blank=True)
    first_contact_with = models.CharField(max_length=10, choices=Company, blank=True)
    work_start = models.TimeField(null=True, blank=True)
    work_start_with = models.CharField(max_length=10, choices=Company, blank=True)
    dinner = models.TimeField(null=True, blank=True)
    dinner_with = models.CharField(max_length=10, choices=Company, blank=True)
    to_bed = models.TimeField(null=True, blank=True)
    to_bed_with = models.CharField(max_length=10, choices=Company, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    replaced_at = models.DateTimeField(null=True, blank=True)
    replaced_by = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaces"
    )

    objects = RhythmDayQuerySet.as_manager()

    class Meta:
        ordering = ["day", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "day"],
                condition=Q(replaced_at__isnull=True),
                name="one_current_rhythm_day",
            ),
        ]

    def __str__(self) -> str:
        return f"Social rhythm of {self.day:%d %b %Y} (course {self.course_id})"

    def times(self) -> dict:
        return {key: getattr(self, key) for key in ANCHOR_KEYS}

    def values(self) -> dict:
        """Every anchor's time and company, for comparing a correction with what is saved."""
        return {
            **self.times(),
            **{f"{key}_with": getattr(self, f"{key}_with") for key in ANCHOR_KEYS},
        }

    @property
    def summary(self) -> str:
        """The day in one line: "Up 07:30 alone; Bed 23:10 present", for conflicts and history."""
        parts = []
        for anchor in ANCHORS:
            time = getattr(self, anchor.key)
            if time is not None:
                parts.append(f"{anchor.short} {time:%H:%M} {getattr(self, f'{anchor.key}_with')}")
        return "; ".join(parts) or "nothing recorded"

    @property
    def is_empty(self) -> bool:
        return not any(self.values().values())
