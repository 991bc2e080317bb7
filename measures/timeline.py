"""Scores for the interpersonal timeline (the inventory app draws them under its events).

The contract is ``inventory.outcomes``: ``timeline_scores(course)`` returns
``(points, name, maximum)`` with points as ``(date, score, label)``.
"""

from measures import instruments
from measures.models import QuestionnaireResponse


def timeline_scores(course) -> tuple[list, str, float]:
    """The course's main depression measure over time: PHQ-9, or PHQ-A / EPDS by adaptation."""
    preferred = instruments.defaults_for(course.adaptation)[0]
    rows = list(
        QuestionnaireResponse.objects.valid()
        .filter(course=course, instrument__in={preferred, "phq9"})
        .order_by("completed_on", "created_at")
        .values_list("instrument", "completed_on", "total", "band")
    )
    code = preferred if any(row[0] == preferred for row in rows) else "phq9"
    instrument = instruments.get(code)
    points = [
        (day, total, f"{instrument.short_name} {total} ({band.lower()})")
        for used, day, total, band in rows
        if used == code
    ]
    return points, instrument.short_name, instrument.max_total
