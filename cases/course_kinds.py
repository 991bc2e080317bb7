"""The kinds of course beyond the acute one, and the choices they carry.

A maintenance course continues a completed acute course at a longer interval (Maintenance IPT):
``Course.continues_course`` names the acute course and ``Course.cadence_weeks`` the interval.
Its phase rule is ``cases.phases.maintenance_phase_for``.
"""

from django.db import models

from cases.phases import MAINTENANCE_MAX_SESSIONS, MAINTENANCE_MIN_SESSIONS  # noqa: F401


class Cadence(models.IntegerChoices):
    """How often a maintenance course meets, in weeks (monthly unless agreed otherwise)."""

    FORTNIGHTLY = 2, "Fortnightly"
    MONTHLY = 4, "Monthly (every 4 weeks)"
    SIX_WEEKS = 6, "Every 6 weeks"
    EIGHT_WEEKS = 8, "Every 8 weeks"


class CourseKind(models.TextChoices):
    """What kind of course this is, read from its fields (``Course.kind``)."""

    ACUTE = "acute", "Acute course"
    MAINTENANCE = "maintenance", "Maintenance course"
