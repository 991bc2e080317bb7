"""Outcome scores drawn under the timeline, once the measures app provides them.

Contract for the measures app: a function ``measures.timeline.timeline_scores(course)``
returning ``(points, name, maximum)``: points as ``(date, score, label)`` tuples in any order
(e.g. PHQ-9 totals), the measure's name ("PHQ-9") and its highest possible score (27). It is
looked up lazily so the timeline works before (and without) that code.
"""

import importlib


def timeline_scores(course) -> tuple[list, str, float]:
    try:
        module = importlib.import_module("measures.timeline")
    except ImportError:
        return [], "", 0
    provider = getattr(module, "timeline_scores", None)
    if provider is None:
        return [], "", 0
    return provider(course)


def chart_kwargs(course) -> dict:
    """Keyword arguments for ``timeline_chart``: the scores, when there are any."""
    points, name, maximum = timeline_scores(course)
    if not points:
        return {}
    return {"scores": points, "score_name": name or "Score", "score_max": maximum or 27}
