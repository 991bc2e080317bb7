"""The social rhythm record read week by week: each week's regularity score (measures.rhythm)
and the chart of the scores, geometry computed here and drawn by a template as SVG
(presentation attributes only, like the score chart: the CSP forbids inline styles)."""

import datetime
from dataclasses import dataclass

from cases.presence import known_empty
from measures.rhythm import ANCHORS, WeekScore, score_week, week_start_for
from measures.rhythm_models import SocialRhythmDay

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 44, 36, 24, 40
MAX_SCORE = 7


def weeks_for(course) -> list[WeekScore]:
    """Every week of the course's record, scored, oldest first (one query). Weeks are counted
    in 7-day steps from the first recorded day, as the sheets are entered."""
    if known_empty(course, "rhythm_days"):
        return []
    days = list(SocialRhythmDay.objects.current().filter(course=course).order_by("day"))
    return weeks_from(days)


def weeks_from(days: list) -> list[WeekScore]:
    if not days:
        return []
    first = days[0].day
    grouped: dict[datetime.date, list[dict]] = {}
    for row in days:
        grouped.setdefault(week_start_for(row.day, first), []).append(row.times())
    return [score_week(start, grouped[start]) for start in sorted(grouped)]


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    week: WeekScore

    @property
    def label(self) -> str:
        return f"{self.week.score:.1f}"


@dataclass(frozen=True)
class RhythmChart:
    points: tuple[ChartPoint, ...]
    x_ticks: tuple[dict, ...]
    y_ticks: tuple[dict, ...]
    weeks: tuple[WeekScore, ...]
    width: int = WIDTH
    height: int = HEIGHT
    plot_left: int = LEFT
    plot_right: int = WIDTH - RIGHT
    plot_top: int = TOP
    plot_bottom: int = HEIGHT - BOTTOM

    @property
    def path(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)

    @property
    def anchors(self):
        return ANCHORS

    @property
    def description(self) -> str:
        scored = [w for w in self.weeks if w.score is not None]
        if not scored:
            return "No week has enough days recorded to score yet."
        parts = ", ".join(f"{w.week_start:%d %b} {w.score:.1f}" for w in scored)
        return f"Regularity score by week (0 to 7, higher is more regular): {parts}."


def y_for(score: float) -> float:
    return TOP + (HEIGHT - BOTTOM - TOP) * (1 - score / MAX_SCORE)


def chart_for(weeks: list[WeekScore]) -> RhythmChart:
    """Points for the weeks with a score, spread evenly along the x axis by week number."""
    plot_width = WIDTH - RIGHT - LEFT
    step = plot_width / max(len(weeks) - 1, 1)
    points, x_ticks = [], []
    for index, week in enumerate(weeks):
        x = LEFT + (step * index if len(weeks) > 1 else plot_width / 2)
        x_ticks.append({"x": round(x, 1), "label": f"{week.week_start:%d %b}"})
        if week.score is not None:
            points.append(ChartPoint(round(x, 1), round(y_for(week.score), 1), week))
    y_ticks = tuple({"y": round(y_for(v), 1), "label": str(v)} for v in range(0, MAX_SCORE + 1))
    return RhythmChart(tuple(points), tuple(x_ticks), y_ticks, tuple(weeks))
