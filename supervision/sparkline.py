"""A tiny PHQ-9 trend line for list rows: coordinates computed here, drawn as inline SVG.

The template draws ``points`` as a polyline and ``last`` as a dot, and uses ``text`` as the
image's accessible name, so a screen reader hears "PHQ-9 18 → 9" rather than a shape.
"""

from dataclasses import dataclass

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
    inner_w = width - 2 * PADDING
    inner_h = height - 2 * PADDING
    step = inner_w / (len(scores) - 1) if len(scores) > 1 else 0
    coords = []
    for index, score in enumerate(scores):
        clamped = min(max(score, 0), maximum)
        x = PADDING + index * step if len(scores) > 1 else width / 2
        y = PADDING + inner_h * (1 - clamped / maximum)
        coords.append((round(x, 1), round(y, 1)))
    if len(scores) == 1:
        text = f"{label} {scores[0]} (one score so far)"
    else:
        text = f"{label} {scores[0]} → {scores[-1]} ({len(scores)} scores)"
    return Sparkline(
        points=" ".join(f"{x:g},{y:g}" for x, y in coords),
        end_x=f"{coords[-1][0]:g}",
        end_y=f"{coords[-1][1]:g}",
        text=text,
        width=width,
        height=height,
    )
