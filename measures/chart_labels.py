"""Where the score chart's own labels go, so no score line or marker runs through them.

The severity bands are named at the right edge and the caseness lines along their line. At
fixed places those names sat on the data: a measure's line struck through "PHQ-9 caseness
(10)", or a caseness line through "PHQ-9 moderate". Each label is moved to the nearest place
where it crosses nothing (a band's name up or down inside its band; a caseness name along
its line, above or below it) and stays put when its usual place is already clear, so most
charts look as they always did. Sizes are estimates of the chart's sans-serif at 10 px; the
boxes carry a margin for the difference.
"""

import functools
from collections.abc import Iterable

Box = tuple[float, float, float, float]  # left, top, right, bottom
Segment = tuple[float, float, float, float]  # x1, y1, x2, y2

# Widths in thousandths of the font size (Helvetica/Arial metrics, rounded up).
_NARROW = set("fijlrt()-.,:'|! ")
_WIDE = set("mwMW@%")
FONT_SIZE = 10
ASCENT, DESCENT = 8.5, 2.5  # a text's extent above and below its baseline, px
STROKE = 2.0  # half a score line's width, with a margin
MARKER = 7.0  # a score marker's half size (4.5), with a margin


@functools.lru_cache(maxsize=512)  # the same few dozen labels on every chart
def text_width(text: str, size: float = FONT_SIZE) -> float:
    units = 0
    for char in text:
        if char in _NARROW:
            units += 300
        elif char in _WIDE:
            units += 850
        elif char.isupper() or char.isdigit():
            units += 680 if char.isupper() else 560
        else:
            units += 560
    return units * size / 1000 + 2


def text_box(x: float, baseline: float, text: str, *, anchor_end: bool = False) -> Box:
    width = text_width(text)
    left = x - width if anchor_end else x
    return (left, baseline - ASCENT, left + width, baseline + DESCENT)


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _crosses(segment: Segment, box: Box, margin: float) -> bool:
    """Whether a straight line from (x1, y1) to (x2, y2), ``margin`` thick on each side,
    touches the box (clipped against it, Liang-Barsky)."""
    left, top, right, bottom = box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin
    x1, y1, x2, y2 = segment
    dx, dy = x2 - x1, y2 - y1
    low, high = 0.0, 1.0
    for p, q in ((-dx, x1 - left), (dx, right - x1), (-dy, y1 - top), (dy, bottom - y1)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


class Obstacles:
    """What a label must not cover: lines (with their thickness) and boxes."""

    def __init__(self):
        self.lines: list[tuple[Segment, float, Box]] = []
        self.boxes: list[Box] = []

    def add_line(self, segment: Segment, margin: float) -> None:
        x1, y1, x2, y2 = segment
        reach = (
            min(x1, x2) - margin,
            min(y1, y2) - margin,
            max(x1, x2) + margin,
            max(y1, y2) + margin,
        )
        self.lines.append((segment, margin, reach))

    def add_box(self, box: Box) -> None:
        self.boxes.append(box)

    def copy(self) -> "Obstacles":
        """A copy whose lines are its own; the boxes list is shared (labels placed later are
        obstacles for both)."""
        other = Obstacles()
        other.lines, other.boxes = list(self.lines), self.boxes
        return other

    def near(self, region: Box) -> "Obstacles":
        """Only what reaches into ``region``: every place a label may take lies in it, so the
        many places tried are each checked against a few obstacles, not all of them."""
        other = Obstacles()
        other.lines = [line for line in self.lines if _overlaps(region, line[2])]
        other.boxes = [box for box in self.boxes if _overlaps(region, box)]
        return other

    def hits(self, box: Box) -> int:
        count = 0
        for segment, margin, reach in self.lines:
            # Most lines are nowhere near: their extent rules them out before clipping.
            if _overlaps(box, reach) and _crosses(segment, box, margin):
                count += 1
        for other in self.boxes:
            if _overlaps(box, other):
                count += 1
        return count


def add_series(obstacles: Obstacles, series: Iterable) -> None:
    """Each measure's line between its points, and its markers."""
    for s in series:
        points = s.points
        for a, b in zip(points, points[1:], strict=False):
            obstacles.add_line((a.x, a.y, b.x, b.y), STROKE)
        for p in points:
            obstacles.add_box((p.x - MARKER, p.y - MARKER, p.x + MARKER, p.y + MARKER))


def _nearest_clear(places: list, box_at, obstacles: Obstacles, bounds: Box):
    """Of ``places`` (``(cost of moving there, *where)``), the cheapest whose box
    (``box_at(*where)``) covers nothing, else the one covering least (the cheapest of those),
    with its number of hits; None when no box is inside ``bounds``."""
    chosen = None
    for _cost, *where in sorted(places):
        box = box_at(*where)
        if box[0] < bounds[0] or box[2] > bounds[2] or box[1] < bounds[1] or box[3] > bounds[3]:
            continue
        hits = obstacles.hits(box)
        if hits == 0:
            return where, 0
        if chosen is None or hits < chosen[1]:
            chosen = (where, hits)
    return chosen


def place_band_labels(bands: list[dict], obstacles: Obstacles, right: float) -> None:
    """Move each band's name up or down inside its band (``label_y``), off the lines."""
    for band in bands:
        label = band["label"]

        def box_at(baseline, label=label):
            return text_box(right - 4, baseline, label, anchor_end=True)

        usual_hits = obstacles.hits(box_at(band["label_y"]))
        if usual_hits:
            top, bottom = band["y"], band["y"] + band["height"]
            places = [
                (abs(top + ASCENT + step - band["label_y"]), top + ASCENT + step)
                for step in range(int(bottom - top - ASCENT - DESCENT) + 1)
            ]
            inside = (float("-inf"), top, float("inf"), bottom)
            region = (right - 4 - text_width(label), top, right - 4, bottom)
            chosen = _nearest_clear(places, box_at, obstacles.near(region), inside)
            if chosen is not None and chosen[1] < usual_hits:
                band["label_y"] = chosen[0][0]
        obstacles.add_box(box_at(band["label_y"]))


def place_caseness_labels(lines: list[dict], obstacles: Obstacles, plot: Box) -> None:
    """Move each caseness name along its line, above or below it (``label_x``, ``dy``), off
    the data, the band names and the other caseness lines."""
    left, _, right, _ = plot
    for line in lines:
        label, y = line["label"], line["y"]

        def box_at(x, dy, label=label, y=y):
            return text_box(x, y + dy, label)

        others = obstacles.copy()
        for other in lines:
            if other is not line:
                others.add_line((left, other["y"], right, other["y"]), 1.0)
        usual_x, usual_dy = line["label_x"], line["dy"]
        usual_hits = others.hits(box_at(usual_x, usual_dy))
        if usual_hits:
            xs = range(left + 4, int(right - 2 - text_width(label)) + 1, 8)
            places = [(abs(x - usual_x), x, usual_dy) for x in xs]
            # Moving along the line costs less than crossing to its other side.
            flipped = 11 if usual_dy < 0 else -3
            places += [(abs(x - usual_x) + 40, x, flipped) for x in xs]
            region = (
                left,
                y + min(usual_dy, flipped) - ASCENT,
                right,
                y + max(usual_dy, flipped) + DESCENT,
            )
            chosen = _nearest_clear(places, box_at, others.near(region), plot)
            if chosen is not None and chosen[1] < usual_hits:
                line["label_x"], line["dy"] = chosen[0]
        obstacles.add_box(box_at(line["label_x"], line["dy"]))
