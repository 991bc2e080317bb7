"""Outcome scores drawn under the timeline.

They are the measures app's, a sibling feature inventory never imports: measures registers
``measures.timeline.timeline_scores`` with ``cases.ports`` (docs/architecture.md), which
returns ``(points, name, maximum)``: points as ``(date, score, label)`` tuples in any order
(e.g. PHQ-9 totals), the measure's name ("PHQ-9") and its highest possible score (27).
"""

from cases import ports


def timeline_scores(course) -> tuple[list, str, float]:
    return ports.timeline_scores(course)


def chart_kwargs(course) -> dict:
    """Keyword arguments for ``timeline_chart``: the scores, when there are any."""
    points, name, maximum = timeline_scores(course)
    if not points:
        return {}
    return {"scores": points, "score_name": name or "Score", "score_max": maximum or 27}
