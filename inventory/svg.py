"""The pieces every server-drawn chart is made of (``inventory.relationship_map``,
``inventory.charts``): colours, text elements, and the one place markup is marked safe.

Plain SVG with presentation attributes (fill, stroke) only: no inline styles, so the strict CSP
allows it in the page, and WeasyPrint draws the same markup in the PDF. Every piece of user text
goes through ``escape``.
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

INK = "#1d2430"
MUTED = "#4a5566"


def join_svg(parts: list[str]) -> SafeString:
    # Every user-supplied string reached ``parts`` through ``escape`` (see svg_text and <desc>).
    return mark_safe("".join(parts))  # noqa: S308


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def svg_text(
    x: float,
    y: float,
    text: str,
    *,
    size: int = 12,
    anchor: str = "middle",
    fill: str = INK,
    weight: str = "normal",
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{fill}"'
        f' font-weight="{weight}" font-family="DejaVu Sans, Arial, sans-serif">{escape(text)}</text>'
    )
