"""The four IPT focal areas: one list of codes shared by the formulation and session notes."""

from django.db import models


class FocalArea(models.TextChoices):
    GRIEF = "grief", "Grief"
    ROLE_DISPUTE = "role_dispute", "Role dispute"
    ROLE_TRANSITION = "role_transition", "Role transition"
    INTERPERSONAL_DEFICITS = "interpersonal_deficits", "Interpersonal deficits"
