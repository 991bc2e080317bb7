"""How far the client has come on an agreed goal: the optional mark of a goal review.

Kept in cases because the session note (sessions) records the marks and the end-of-treatment
letter (measures) prints them: both read the same wording.
"""

from django.db import models


class GoalMark(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    SOME = "some", "Some progress"
    MUCH = "much", "Much progress"
    ACHIEVED = "achieved", "Achieved"
