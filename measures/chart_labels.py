"""Where the score chart's own labels go, so no score line or marker runs through them.

The severity bands are named at the right edge and the caseness lines along their line. At
fixed places those names sat on the data: a measure's line struck through "PHQ-9 caseness
(10)", or a caseness line through "PHQ-9 moderate". Each label is moved to the nearest place
where it crosses nothing (a band's name up or down inside its band; a caseness name along
its line, above or below it) and stays put when its usual place is already clear, so most
charts look as they always did. Sizes are estimates of the chart's sans-serif at 10 px; the
boxes carry a margin for the difference.
"""

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
        self.lines: list[tuple[Segment, float]] = []
        self.boxes: list[Box] = []

    def add_line(self, segment: Segment, margin: float) -> None:
        self.lines.append((segment, margin))

    def add_box(self, box: Box) -> None:
        self.boxes.append(box)

    def hits(self, box: Box) -> int:
        return sum(_crosses(segment, box, margin) for segment, margin in self.lines) + sum(
            _overlaps(box, other) for other in self.boxes
        )


def add_series(obstacles: Obstacles, series: Iterable) -> None:
    """Each measure's line between its points, and its markers."""
    for s in series:
        points = s.points
        for a, b in zip(points, points[1:], strict=False):
            obstacles.add_line((a.x, a.y, b.x, b.y), STROKE)
        for p in points:
            obstacles.add_box((p.x - MARKER, p.y - MARKER, p.x + MARKER, p.y + MARKER))


def best(candidates: Iterable[tuple[float, Box]], obstacles: Obstacles, bounds: Box):
    """The candidate (``(cost of moving there, its box)``) inside ``bounds`` that covers the
    fewest obstacles, the cheapest move among equals; None when none fits."""
    chosen, chosen_key = None, None
    for cost, box in candidates:
        if box[0] < bounds[0] or box[2] > bounds[2] or box[1] < bounds[1] or box[3] > bounds[3]:
            continue
        key = (obstacles.hits(box), cost)
        if chosen_key is None or key < chosen_key:
            chosen, chosen_key = (cost, box), key
            if key == (0, 0):
                break  # the usual place is clear
    return chosen


def place_band_labels(bands: list[dict], obstacles: Obstacles, right: float) -> None:
    """Move each band's name up or down inside its band (``label_y``), off the lines."""
    for band in bands:
        usual = band["label_y"]
        top, bottom = band["y"], band["y"] + band["height"]
        candidates = []
        baseline = top + ASCENT
        while baseline + DESCENT <= bottom:
            box = text_box(right - 4, baseline, band["label"], anchor_end=True)
            candidates.append((abs(baseline - usual), box))
            baseline += 1
        chosen = best(candidates, obstacles, (float("-inf"), top, float("inf"), bottom))
        if chosen is not None and obstacles.hits(chosen[1]) < obstacles.hits(
            text_box(right - 4, usual, band["label"], anchor_end=True)
        ):
            band["label_y"] = chosen[1][3] - DESCENT
        obstacles.add_box(text_box(right - 4, band["label_y"], band["label"], anchor_end=True))


def place_caseness_labels(lines: list[dict], obstacles: Obstacles, plot: Box) -> None:
    """Move each caseness name along its line, above or below it (``label_x``, ``dy``), off
    the data, the band names and the other caseness lines."""
    left, _, right, _ = plot
    for line in lines:
        others = Obstacles()
        others.lines, others.boxes = list(obstacles.lines), obstacles.boxes
        for other in lines:
            if other is not line:
                others.add_line((left, other["y"], right, other["y"]), 1.0)
        usual_x, usual_dy = line["label_x"], line["dy"]
        width = text_width(line["label"])
        candidates, side = [], {}
        for dy in (usual_dy, 11 if usual_dy < 0 else -3):
            x = left + 4
            while x + width <= right - 2:
                box = text_box(x, line["y"] + dy, line["label"])
                # Moving along the line costs less than crossing to its other side.
                candidates.append((abs(x - usual_x) + (0 if dy == usual_dy else 40), box))
                side[box] = dy
                x += 4
        chosen = best(candidates, others, plot)
        usual = text_box(usual_x, line["y"] + usual_dy, line["label"])
        if chosen is not None and others.hits(chosen[1]) < others.hits(usual):
            line["label_x"], line["dy"] = round(chosen[1][0]), side[chosen[1]]
        obstacles.add_box(text_box(line["label_x"], line["y"] + line["dy"], line["label"]))
