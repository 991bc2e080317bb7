"""Server-drawn SVG: the timeline (the relationship map is ``inventory.relationship_map``,
imported here too so callers have one place to import charts from; the building blocks and the
escaping rule are in ``inventory.svg``).
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString

from inventory.models import EventKind
from inventory.relationship_map import relationship_map  # noqa: F401  (one import for callers)
from inventory.svg import INK, MUTED
from inventory.svg import join_svg as _svg
from inventory.svg import shorten as _short
from inventory.svg import svg_text as _text

EVENT_COLOURS = {
    EventKind.LOSS: "#4a5566",
    EventKind.CONFLICT: "#a4161a",
    EventKind.ROLE_CHANGE: "#1f5fa8",
    EventKind.ISOLATION: "#8a4fa3",
    EventKind.OTHER: "#2e7d5b",
}
MOOD_SHAPES = {
    EventKind.MOOD_ONSET: ("#a4161a", "onset"),
    EventKind.MOOD_WORSENING: ("#b35c00", "worse"),
    EventKind.MOOD_IMPROVEMENT: ("#1d6b3a", "better"),
}


@dataclass(frozen=True)
class ScorePoint:
    """An outcome score to draw under the timeline (e.g. a PHQ-9 total)."""

    day: datetime.date
    score: float
    label: str = ""


def timeline_chart(
    events: Iterable,
    scores: Sequence[ScorePoint | tuple] | None = None,
    *,
    score_max: float = 27,
    score_name: str = "Score",
    dom_id: str = "timeline-chart",
) -> SafeString:
    """One time axis: interpersonal events above, mood markers below, optional scores under them.

    ``events`` are ``TimelineEvent`` rows (mood markers included, told apart by ``kind``);
    ``scores`` are ``(date, score, label)`` points, drawn as a line on a 0..``score_max`` band.
    """
    events = list(events)
    points = [p if isinstance(p, ScorePoint) else ScorePoint(*p) for p in (scores or [])]
    width, left, right = 760, 40, 720
    axis_y = 190
    band_top = 330 if points else None
    height = 470 if points else 320
    days = [e.occurred_on for e in events] + [p.day for p in points]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"'
        f' class="chart chart--timeline" role="img" aria-labelledby="{dom_id}-title {dom_id}-desc">',
        f'<title id="{dom_id}-title">Timeline of events and mood</title>',
        f'<desc id="{dom_id}-desc">{escape(_timeline_description(events, points, score_name))}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    if not days:
        parts.append(_text(width / 2, axis_y, "Nothing on the timeline yet.", size=14, fill=MUTED))
        parts.append("</svg>")
        return _svg(parts)
    start, end = _widen(min(days), max(days))
    span = max((end - start).days, 1)

    def x_of(day: datetime.date) -> float:
        return left + (right - left) * (day - start).days / span

    parts.append(_text(left, 18, "Events", size=12, anchor="start", weight="bold", fill=MUTED))
    parts.append(
        _text(left, axis_y + 40, "Mood", size=12, anchor="start", weight="bold", fill=MUTED)
    )
    parts.append(
        f'<line x1="{left}" y1="{axis_y}" x2="{right}" y2="{axis_y}" stroke="{INK}" stroke-width="2"/>'
    )
    for tick, label in _ticks(start, end):
        x = x_of(tick)
        parts.append(
            f'<line x1="{x:.1f}" y1="{axis_y - 4}" x2="{x:.1f}" y2="{axis_y + 4}" stroke="{INK}"/>'
        )
        parts.append(_text(x, axis_y + 17, label, size=10, fill=MUTED))
    above = [e for e in events if not e.is_mood_marker]
    below = [e for e in events if e.is_mood_marker]
    above_levels = _pack_levels(
        [x_of(e.occurred_on) for e in above],
        [_label_width(_short(e.description, 34), 6.6) for e in above],
        width,
        levels=4,
    )
    for event, level in zip(above, above_levels, strict=True):
        x = x_of(event.occurred_on)
        y = axis_y - 30 - level * 36
        colour = EVENT_COLOURS.get(event.kind, INK)
        parts.append(
            f'<line x1="{x:.1f}" y1="{axis_y}" x2="{x:.1f}" y2="{y + 4}" stroke="{colour}" stroke-width="1.5"/>'
        )
        parts.append(f'<circle cx="{x:.1f}" cy="{axis_y}" r="5" fill="{colour}"/>')
        anchor = "start" if x < width * 0.7 else "end"
        dx = 4 if anchor == "start" else -4
        parts.append(
            _text(
                x + dx,
                y - 8,
                _short(event.description, 34),
                size=11,
                anchor=anchor,
                fill=colour,
                weight="bold",
            )
        )
        parts.append(
            _text(
                x + dx,
                y + 4,
                _short_date(event),
                size=9,
                anchor=anchor,
                fill=MUTED,
            )
        )
    below_levels = _pack_levels(
        [x_of(m.occurred_on) for m in below],
        [12 + _label_width(_short(m.description, 30), 6.2) + 40 for m in below],
        width,
        levels=3,
    )
    for marker, level in zip(below, below_levels, strict=True):
        x = x_of(marker.occurred_on)
        colour, word = MOOD_SHAPES.get(marker.kind, (INK, "mood"))
        y = axis_y + 50 + level * 26
        if marker.kind == EventKind.MOOD_IMPROVEMENT:
            shape = f"{x:.1f},{y - 8:.1f} {x - 8:.1f},{y + 6:.1f} {x + 8:.1f},{y + 6:.1f}"
        else:
            shape = f"{x - 8:.1f},{y - 6:.1f} {x + 8:.1f},{y - 6:.1f} {x:.1f},{y + 8:.1f}"
        parts.append(
            f'<line x1="{x:.1f}" y1="{axis_y}" x2="{x:.1f}" y2="{y - 8:.1f}" stroke="{colour}" stroke-dasharray="2 2"/>'
        )
        if marker.kind == EventKind.MOOD_ONSET:
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="8" fill="{colour}"/>')
        else:
            parts.append(f'<polygon points="{shape}" fill="{colour}"/>')
        anchor = "start" if x < width * 0.7 else "end"
        dx = 12 if anchor == "start" else -12
        parts.append(
            _text(
                x + dx,
                y + 4,
                f"{word}: {_short(marker.description, 30)}",
                size=10,
                anchor=anchor,
                fill=colour,
                weight="bold",
            )
        )
    if points and band_top is not None:
        parts.append(_score_band(points, x_of, left, right, band_top, score_max, score_name))
    parts.append("</svg>")
    return _svg(parts)


def _score_band(points, x_of, left, right, top, score_max, score_name) -> str:
    bottom = top + 110
    parts = [
        _text(
            left,
            top - 8,
            f"{score_name} (0–{score_max:g})",
            size=12,
            anchor="start",
            weight="bold",
            fill=MUTED,
        ),
        f'<rect x="{left}" y="{top}" width="{right - left}" height="{bottom - top}" fill="#f3f5f8" stroke="#c9d1dc"/>',
    ]

    def y_of(score: float) -> float:
        return bottom - (bottom - top) * max(min(score / score_max, 1), 0)

    ordered = sorted(points, key=lambda p: p.day)
    coords = " ".join(f"{x_of(p.day):.1f},{y_of(p.score):.1f}" for p in ordered)
    parts.append(f'<polyline points="{coords}" fill="none" stroke="#1f5fa8" stroke-width="2"/>')
    for p in ordered:
        x, y = x_of(p.day), y_of(p.score)
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#1f5fa8"/>')
        parts.append(_text(x, y - 8, f"{p.score:g}", size=10, fill="#174a83", weight="bold"))
    return "".join(parts)


def _label_width(text: str, per_char: float) -> float:
    return len(text) * per_char + 8


def _pack_levels(xs: list[float], widths: list[float], width: int, *, levels: int) -> list[int]:
    """A level (0 = nearest the axis) for each label so labels and stems do not cross.

    Labels run right of their point, or left of it in the last 30% of the axis. A label at a
    level must not overlap another label there, nor sit across the stem of a point whose label
    is further out; its own stem must not cut through a label nearer the axis. When no level is
    free, the least crowded one is used.

    Labels are placed one at a time, each at its best level given those placed before; which
    go first decides the result. Left to right, a long label near the axis is then crossed by
    the stem of every point under it; from the points its label runs towards, it is lifted
    above them instead. Both orders are tried and the layout with fewer crossings is kept.
    """
    spans = [
        (x, *((x, x + w) if x < width * 0.7 else (x - w, x)))
        for x, w in zip(xs, widths, strict=True)
    ]
    by_x = sorted(range(len(spans)), key=lambda i: spans[i][0])
    # Labels running right are placed from the right; those running left, from the left.
    running_right = [i for i in reversed(by_x) if spans[i][1] == spans[i][0]]
    running_left = [i for i in by_x if spans[i][1] != spans[i][0]]
    layouts = [
        _place(spans, list(range(len(spans))), levels),
        _place(spans, running_left + running_right, levels),
    ]
    return min(layouts, key=lambda layout: (_crossings(spans, layout), layouts.index(layout)))


def _place(spans, order: list[int], levels: int) -> list[int]:
    placed: list[tuple[float, float, float, int]] = []  # (stem x, left, right, level)
    result = [0] * len(spans)
    for i in order:
        x, left, right = spans[i]
        level = min(range(levels), key=lambda lv: (_clashes(placed, x, left, right, lv), lv))
        placed.append((x, left, right, level))
        result[i] = level
    return result


def _crossings(spans, layout: list[int]) -> int:
    placed = []
    total = 0
    for (x, left, right), level in zip(spans, layout, strict=True):
        total += _clashes(placed, x, left, right, level)
        placed.append((x, left, right, level))
    return total


def _clashes(placed, x: float, left: float, right: float, level: int) -> int:
    count = 0
    for px, pl, pr, plevel in placed:
        if plevel == level and pl < right and left < pr:
            count += 3  # overlapping text is worse than a line through it
        elif plevel < level and pl <= x <= pr:
            count += 1  # our stem crosses their label
        elif plevel > level and left <= px <= right:
            count += 1  # their stem crosses our label
    return count


def _short_date(event) -> str:
    # SVG text is laid out glyph by glyph by WeasyPrint: keep chart labels short (the table
    # beside every chart carries the full date and kind).
    return event.occurred_on.strftime("%b %Y" if event.month_only else "%-d %b %Y")


# Tick spacings in months, shortest first: months, quarters, half-years, then years.
TICK_STEPS = (1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200, 2400, 6000, 12000, 24000)
MAX_TICKS = 8


def _ticks(start: datetime.date, end: datetime.date) -> list[tuple[datetime.date, str]]:
    """At most ``MAX_TICKS`` labelled ticks on the 1st of a month between ``start`` and ``end``.

    The spacing grows with the range (every month, quarter, half-year, year, 5, 10 years...) and
    ticks sit on round dates (quarters on Jan/Apr/Jul/Oct, years on 1 January, decades on
    years ending in 0), so any range of dates, however long, gets a readable axis.
    """
    first = start.year * 12 + start.month - 1 + (0 if start.day == 1 else 1)  # months from year 0
    last = end.year * 12 + end.month - 1
    span = max(last - first, 0)
    step = next((s for s in TICK_STEPS if span // s + 1 <= MAX_TICKS), TICK_STEPS[-1])
    label = "%Y" if step >= 12 else "%b %Y"
    ticks = []
    for index in range(-(-first // step) * step, last + 1, step):
        year, month = divmod(index, 12)
        if datetime.MINYEAR <= year <= datetime.MAXYEAR:
            day = datetime.date(year, month + 1, 1)
            ticks.append((day, day.strftime(label)))
    return ticks


def _widen(start: datetime.date, end: datetime.date) -> tuple[datetime.date, datetime.date]:
    """A margin either side of the dates drawn (a twelfth of the range, at least 15 days),
    stopping at the calendar's ends."""
    pad = datetime.timedelta(days=max((end - start).days // 12, 15))
    low = start - pad if start - datetime.date.min > pad else datetime.date.min
    high = end + pad if datetime.date.max - end > pad else datetime.date.max
    return low, high


def _timeline_description(events, points, score_name) -> str:
    if not events and not points:
        return "Nothing on the timeline yet."
    bits = [f"{e.when_label}: {e.get_kind_display().lower()}, {e.description}" for e in events]
    bits += [f"{p.day:%-d %B %Y}: {score_name} {p.score:g}" for p in points]
    return "In date order. " + "; ".join(bits) + "."
