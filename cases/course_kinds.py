"""The kinds of course (acute, maintenance, a group member's), how a course is delivered, and
the IPT adaptation it follows; with the choices they carry.

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
    # One member's course in a group (``Course.delivery``): the group-session page records
    # problem-area work and tasks per member, not the individual note's focal worksheets, so
    # the individual course's step-by-step flags do not apply; safety, measures, signing and
    # lateness do.
    GROUP_MEMBER = "group_member", "Group member's course"


class Adaptation(models.TextChoices):
    STANDARD = "standard", "Standard adult IPT"
    ADOLESCENT = "ipt_a", "IPT-A (adolescents 12-18)"
    FAMILY_BASED = "fb_ipt", "FB-IPT (children 7-12)"
    PERINATAL = "perinatal", "Perinatal"
    LATE_LIFE = "late_life", "Late-life"
    GROUP = "group", "Group IPT"
    IPSRT = "ipsrt", "IPSRT (bipolar disorder)"


# Inclusive age ranges an adaptation is designed for; a date of birth outside needs confirmation.
ADAPTATION_AGES: dict[str, tuple[int, int]] = {
    Adaptation.ADOLESCENT: (12, 18),
    Adaptation.FAMILY_BASED: (7, 12),
}


def adaptation_age_mismatch(adaptation: str, age: int) -> tuple[int, int] | None:
    """The (youngest, oldest) an adaptation is meant for, when ``age`` is outside it."""
    ages = ADAPTATION_AGES.get(adaptation)
    if ages and not ages[0] <= age <= ages[1]:
        return ages
    return None


class CourseDelivery(models.TextChoices):
    """How the course is delivered: one to one, or as one member's course inside a group. (Its
    treatment kind, acute or maintenance, is ``Course.kind``, read from ``continues_course``.)"""

    INDIVIDUAL = "individual", "Individual course"
    # One member's own course inside a WHO-format IPT group (groups app): a pre-group
    # individual meeting, then the group's weekly sessions.
    GROUP_MEMBER = "group_member", "Group member"
