"""Scores for the interpersonal timeline (the inventory app draws them under its events).

Registered with ``cases.ports`` (MeasuresConfig.ready), which ``inventory.outcomes`` reads:
``timeline_scores(course)`` returns ``(points, name, maximum)`` with points as
``(date, score, label)``.
"""

from cases.outcomes import plan_for
from measures import instruments
from measures.models import QuestionnaireResponse


def timeline_scores(course) -> tuple[list, str, float]:
    """The course's depression measure over time: its plan's primary one (PHQ-9, PHQ-A or
    SMFQ by adaptation), else a tracked depression measure (EPDS), else any PHQ-9."""
    plan = plan_for(course.adaptation)
    candidates = [plan.depression]
    candidates += [c for c in plan.tracked if instruments.get(c).measures == "depression"]
    candidates.append("phq9")
    rows = list(
        QuestionnaireResponse.objects.valid()
        .filter(course=course, instrument__in=set(candidates))
        .order_by("completed_on", "created_at")
        .values_list("instrument", "completed_on", "total", "band")
    )
    used = {row[0] for row in rows}
    code = next((c for c in candidates if c in used), plan.depression)
    instrument = instruments.get(code)
    points = [
        (day, total, f"{instrument.short_name} {total} ({band.lower()})")
        for used, day, total, band in rows
        if used == code
    ]
    return points, instrument.short_name, instrument.max_total
