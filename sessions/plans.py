"""The course's relapse-prevention and follow-up plans: their texts, and every saved version.

A plan is built up across the termination sessions and shown on each termination note. The
course keeps one current plan (``RelapsePreventionPlan``, ``FollowUpPlan``, the newest text);
every save also appends an unchangeable version (``RelapsePlanVersion``,
``FollowUpPlanVersion``). Signing a termination note points it at the version in force then, so
the signed note keeps showing what was signed however the plan changes later.
"""

from django.conf import settings
from django.db import models

from cases.models.access import CourseScopedQuerySet


class PlanVersionChanged(Exception):
    """Raised when code tries to change or remove a saved plan version."""


class RelapsePlanText(models.Model):
    warning_signs = models.TextField("early warning signs", blank=True)
    stressors = models.TextField("likely stressors ahead", blank=True)
    what_helped = models.TextField("what helped during the course", blank=True)
    what_to_do = models.TextField("what to do if symptoms return", blank=True)
    who_to_contact = models.TextField("who to contact", blank=True)

    TEXT_FIELDS = ("warning_signs", "stressors", "what_helped", "what_to_do", "who_to_contact")

    class Meta:
        abstract = True


class FollowUpKind(models.TextChoices):
    NONE = "none", "No further sessions"
    BOOSTER = "booster", "Booster sessions"
    MAINTENANCE = "maintenance", "Maintenance IPT"
    REFERRAL = "referral", "Referral elsewhere"


class FollowUpPlanText(models.Model):
    kind = models.CharField(
        "what follows the course", max_length=20, choices=FollowUpKind, blank=True
    )
    details = models.TextField("details", blank=True, help_text="How often, with whom, and why.")
    follow_up_date = models.DateField("follow-up appointment", null=True, blank=True)

    TEXT_FIELDS = ("kind", "details", "follow_up_date")

    class Meta:
        abstract = True


class CoursePlanQuerySet(CourseScopedQuerySet):
    pass


class RelapsePreventionPlan(RelapsePlanText):
    """The course's current relapse-prevention plan, built up across the termination sessions.

    Every save also keeps an unchangeable version (``versions``); a signed note shows the
    version it was signed with (below).
    """

    course = models.OneToOneField(
        "cases.Course", on_delete=models.PROTECT, related_name="relapse_plan"
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    objects = CoursePlanQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Relapse-prevention plan for {self.course}"


class FollowUpPlan(FollowUpPlanText):
    """The course's current follow-up plan; versions are kept as for the relapse plan."""

    course = models.OneToOneField(
        "cases.Course", on_delete=models.PROTECT, related_name="follow_up_plan"
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    objects = CoursePlanQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Follow-up plan for {self.course}"


class PlanVersionQuerySet(CourseScopedQuerySet):
    course_path = "plan__course"

    def update(self, **kwargs):
        raise PlanVersionChanged("A saved plan version never changes.")

    def delete(self):
        raise PlanVersionChanged("A saved plan version never changes.")


class PlanVersion(models.Model):
    """One saved state of a plan: append-only (a trigger refuses changes on PostgreSQL)."""

    version = models.PositiveIntegerField()
    saved_at = models.DateTimeField()
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    objects = PlanVersionQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["plan", "version"]

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PlanVersionChanged("A saved plan version never changes.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PlanVersionChanged("A saved plan version never changes.")


class RelapsePlanVersion(PlanVersion, RelapsePlanText):
    plan = models.ForeignKey(
        "session_logs.RelapsePreventionPlan", on_delete=models.PROTECT, related_name="versions"
    )

    class Meta(PlanVersion.Meta):
        constraints = [
            models.UniqueConstraint(fields=["plan", "version"], name="one_relapse_plan_version")
        ]

    def __str__(self) -> str:
        return f"Relapse-prevention plan, version {self.version}"


class FollowUpPlanVersion(PlanVersion, FollowUpPlanText):
    plan = models.ForeignKey(
        "session_logs.FollowUpPlan", on_delete=models.PROTECT, related_name="versions"
    )

    class Meta(PlanVersion.Meta):
        constraints = [
            models.UniqueConstraint(fields=["plan", "version"], name="one_follow_up_plan_version")
        ]

    def __str__(self) -> str:
        return f"Follow-up plan, version {self.version}"


VERSION_MODELS = {"relapse": RelapsePlanVersion, "followup": FollowUpPlanVersion}


def snapshot(plan, by=None):
    """The unchangeable version of ``plan`` as it stands (created if it has none yet)."""
    model = VERSION_MODELS["relapse" if isinstance(plan, RelapsePlanText) else "followup"]
    found = model.objects.filter(plan=plan, version=plan.version).first()
    if found is not None:
        return found
    texts = {name: getattr(plan, name) for name in plan.TEXT_FIELDS}
    return model.objects.create(
        plan=plan, version=plan.version, saved_at=plan.updated_at, saved_by=by, **texts
    )
