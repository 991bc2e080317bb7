"""Each course's attended sessions in three numbers, kept current on write (``AttendanceTally``).

Figures over a whole service (how many sessions each course that ended had, and the day it
clinically ended) read one row per course here instead of grouping every session of every
course. The rows are derived: ``sessions.tallies`` keeps them current from every service that
changes a course's attended sessions, and rebuilds any course's row from its sessions.
"""

from django.db import models

from cases.models.access import CourseScopedQuerySet


class AttendanceTally(models.Model):
    """A course's attended, non-void sessions: how many, and the local days of the first and
    the last (``CourseQuerySet.with_progress``'s ``attended``, ``first_attended_on`` and
    ``last_attended_on``, stored)."""

    course = models.OneToOneField(
        "cases.Course", on_delete=models.PROTECT, primary_key=True, related_name="attendance_tally"
    )
    attended = models.PositiveIntegerField(default=0)
    first_attended_on = models.DateField(null=True)
    last_attended_on = models.DateField(null=True)

    objects = CourseScopedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    attended=0, first_attended_on__isnull=True, last_attended_on__isnull=True
                )
                | models.Q(
                    attended__gt=0, first_attended_on__isnull=False, last_attended_on__isnull=False
                ),
                name="tally_dates_present_when_attended",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.attended} attended ({self.first_attended_on} to {self.last_attended_on})"
