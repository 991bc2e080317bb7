"""Booster sessions: a single session held after a course has ended, recorded on that course.

A booster does not reopen the course as active treatment: the course stays completed, its
attended-session count and phases do not move, and the booster is counted and listed on its
own (course page, summary letter). Recorded once and never changed, like an addendum.

Risk is asked and rated as in a session note; a moderate or high rating opens a risk flag on
the completed course (``measures.services.raise_flag_for_booster``, H44).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from cases.models.access import CourseScopedQuerySet
from sessions.risk_ratings import RiskLevel


class BoosterSession(models.Model):
    course = models.ForeignKey("cases.Course", on_delete=models.PROTECT, related_name="boosters")
    held_on = models.DateField("date held")
    duration_minutes = models.PositiveSmallIntegerField(
        "duration (minutes)", validators=[MinValueValidator(1), MaxValueValidator(240)]
    )
    reason = models.TextField(
        "why a booster now", help_text="For example: a stressor ahead, or warning signs noticed."
    )
    focal_area_review = models.TextField("review of the focal area", blank=True)
    warning_signs_noticed = models.TextField("early warning signs noticed", blank=True)
    relapse_plan_reviewed = models.BooleanField("relapse plan reviewed", default=False)
    risk_asked = models.BooleanField("suicide risk asked about directly", default=False)
    risk_level = models.CharField("risk level", max_length=20, choices=RiskLevel, blank=True)
    risk_action = models.TextField("action taken", blank=True)
    note = models.TextField("what happened in the session", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = CourseScopedQuerySet.as_manager()

    class Meta:
        ordering = ["held_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(risk_asked=True) | Q(risk_level=""),
                name="booster_risk_rated_only_when_asked",
            ),
            models.CheckConstraint(
                condition=~Q(risk_level=RiskLevel.HIGH) | ~Q(risk_action=""),
                name="booster_high_risk_has_action",
            ),
        ]

    def __str__(self) -> str:
        return f"Booster session on {self.held_on:%d %b %Y}"
