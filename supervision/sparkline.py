"""A tiny PHQ-9 trend line for list rows: coordinates computed here, drawn as inline SVG.

The template draws ``points`` as a polyline and ``last`` as a dot, and uses ``text`` as the
image's accessible name, so a screen reader hears "PHQ-9 18 → 9" rather than a shape.
"""

from dataclasses import dataclass
from functools import cache

PHQ9_MAX = 27
WIDTH = 64
HEIGHT = 20
PADDING = 2


@dataclass(frozen=True)
class Sparkline:
    points: str  # "x,y x,y ..." for <polyline points>
    end_x: str  # where the latest score sits, for the end dot
    end_y: str
    text: str
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


def sparkline(
    scores: list[int],
    *,
    label: str = "PHQ-9",
    maximum: int = PHQ9_MAX,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> Sparkline | None:
    """The trend of ``scores`` (oldest first) on a fixed 0-``maximum`` scale; None without any.

    A fixed scale keeps rows comparable: a line near the top is a high score on every row.
    Higher scores are drawn higher, as on the course's own score chart.
    """
    if not scores:
        return None
    xs = _xs(len(scores), width)
    ys = [_y(score, maximum, height) for score in scores]
    if len(scores) == 1:
        text = f"{label} {scores[0]} (one score so far)"
    else:
        text = f"{label} {scores[0]} → {scores[-1]} ({len(scores)} scores)"
    return Sparkline(
        points=" ".join(f"{x},{y}" for x, y in zip(xs, ys, strict=True)),
        end_x=xs[-1],
        end_y=ys[-1],
        text=text,
        width=width,
        height=height,
    )


# A dashboard page draws a line per row: the coordinates, written as the points list writes
# them, depend only on a score's position among ``count`` (x) or on the score itself (y), so
# each is worked out once per process.


@cache
def _xs(count: int, width: int) -> tuple[str, ...]:
    """The x of each of ``count`` scores, written as in ``points``."""
    if count == 1:
        return (f"{round(width / 2, 1):g}",)
    step = (width - 2 * PADDING) / (count - 1)
    return tuple(f"{round(PADDING + index * step, 1):g}" for index in range(count))


@cache
def _y(score: int, maximum: int, height: int) -> str:
    """The y of ``score`` (clamped to the scale), written as in ``points``."""
    clamped = min(max(score, 0), maximum)
    return f"{round(PADDING + (height - 2 * PADDING) * (1 - clamped / maximum), 1):g}"
