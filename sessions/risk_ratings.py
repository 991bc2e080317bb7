"""The therapist's rating of suicide risk, asked directly in every session and booster."""

from django.db import models


class RiskLevel(models.TextChoices):
    NONE = "none", "None"
    LOW = "low", "Low"
    MODERATE = "moderate", "Moderate"
    HIGH = "high", "High"
