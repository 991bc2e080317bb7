"""The relationship map: concentric circles of closeness, the client in the middle.

Node fill shows support, the line to the client shows conflict; a relationship that has ended
or where contact is broken off (estranged) is drawn grey, its line dotted (ended) or cut
(estranged); a dashed ring and a cross mark a person who has died. The legend is
``inventory/_map_legend.html`` (HTML: SVG text is slow to lay out in WeasyPrint); pages add a
table as the text alternative.
"""

import math
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString

from inventory.models import Closeness, RelationshipStatus
from inventory.svg import INK, MUTED, join_svg, shorten, svg_text

RINGS = {Closeness.INNER: 95, Closeness.MIDDLE: 165, Closeness.OUTER: 235}
SUPPORT_FILL = {"strong": "#1d6b3a", "some": "#9fd0ae", "none": "#ffffff"}
CONFLICT_STROKE = {
    "none": ("#8a94a3", "1.5", ""),
    "some": ("#b35c00", "2.5", "7 4"),
    "high": ("#a4161a", "4", "3 3"),
}
# A relationship that is over: grey, dotted when ended; estranged gets a cut across the line.
OVER_GREY = "#7a8494"
OVER_STROKE = {
    RelationshipStatus.ENDED: (OVER_GREY, "2", "1 5"),
    RelationshipStatus.ESTRANGED: (OVER_GREY, "2", "9 5"),
}


def relationship_map(
    people: Sequence, centre_label: str, *, dom_id: str = "relationship-map"
) -> SafeString:
    """Concentric circles of closeness, the client in the middle, one node per person."""
    size, cx, cy = 520, 260, 260
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}"'
        f' class="chart chart--map" role="img" aria-labelledby="{dom_id}-title {dom_id}-desc">',
        f'<title id="{dom_id}-title">Relationship map</title>',
        f'<desc id="{dom_id}-desc">{escape(_map_description(people))}</desc>',
        f'<rect x="0" y="0" width="{size}" height="{size}" fill="#ffffff"/>',
    ]
    for closeness, radius in reversed(RINGS.items()):
        shade = {"inner": "#e8eef7", "middle": "#f1f4f9", "outer": "#f8f9fb"}[closeness]
        parts.append(
            f'<circle cx="{cx}" cy="{cy}" r="{radius}" fill="{shade}" stroke="#c9d1dc" stroke-width="1"/>'
        )
        parts.append(svg_text(cx, cy - radius + 15, Closeness(closeness).label, fill=MUTED))
    placed = []
    for closeness, radius in RINGS.items():
        ring = [p for p in people if p.closeness == closeness]
        step = 360 / max(len(ring), 1)
        # Half a step off the top keeps the ring's label clear; rings are turned against each
        # other so the lines to the centre do not lie on top of one another.
        turn = {"inner": 0.0, "middle": 0.15, "outer": -0.15}[closeness] * step
        for index, person in enumerate(ring):
            angle = math.radians(-90 + step * (index + 0.5) + turn)
            placed.append((person, cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    for person, x, y in placed:
        parts.append(_line_to_client(person, cx, cy, x, y))
    parts.append(f'<circle cx="{cx}" cy="{cy}" r="34" fill="{INK}"/>')
    parts.append(
        svg_text(cx, cy + 4, shorten(centre_label, 12), size=12, fill="#ffffff", weight="bold")
    )
    for person, x, y in placed:
        parts.extend(_node(person, x, y))
    parts.append("</svg>")
    return join_svg(parts)


def _status(person) -> str:
    return getattr(person, "relationship_status", RelationshipStatus.CURRENT)


def _line_to_client(person, cx: float, cy: float, x: float, y: float) -> str:
    status = _status(person)
    colour, width, dash = OVER_STROKE.get(
        status, CONFLICT_STROKE.get(person.conflict_level, CONFLICT_STROKE["none"])
    )
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    line = (
        f'<line x1="{cx}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}" stroke="{colour}"'
        f' stroke-width="{width}"{dash_attr} data-status="{status}"/>'
    )
    if status == RelationshipStatus.ESTRANGED:
        # Two short bars across the middle of the line: contact is cut.
        mx, my = (cx + x) / 2, (cy + y) / 2
        length = math.hypot(x - cx, y - cy) or 1
        ux, uy = (x - cx) / length, (y - cy) / length  # along the line
        px, py = -uy * 8, ux * 8  # across it
        for offset in (-3, 3):
            bx, by = mx + ux * offset, my + uy * offset
            line += (
                f'<line x1="{bx - px:.1f}" y1="{by - py:.1f}" x2="{bx + px:.1f}" y2="{by + py:.1f}"'
                f' stroke="{OVER_GREY}" stroke-width="2.5"/>'
            )
    return line


def _node(person, x: float, y: float) -> list[str]:
    over = getattr(person, "relationship_is_over", False)
    fill = SUPPORT_FILL.get(person.support_level, "#ffffff")
    ring_dash = ' stroke-dasharray="3 2"' if person.is_deceased else ""
    outline = OVER_GREY if over else INK
    parts = [
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="13" fill="{fill}" stroke="{outline}"'
        f' stroke-width="1.5"{ring_dash}/>'
    ]
    if person.conflict_level == "high":
        parts.append(svg_text(x, y + 4.5, "!", size=13, fill="#a4161a", weight="bold"))
    label = shorten(person.name, 16) + (" †" if person.is_deceased else "")
    parts.append(svg_text(x, y + 30, label, size=14, weight="bold", fill=MUTED if over else INK))
    if over:
        word = "ended" if _status(person) == RelationshipStatus.ENDED else "estranged"
        parts.append(svg_text(x, y + 45, f"({word})", size=12, fill=MUTED))
    return parts


def _map_description(people: Sequence) -> str:
    if not people:
        return "No one is on the inventory yet."
    bits = []
    for p in people:
        bit = (
            f"{p.name}, {p.get_relationship_display().lower()}, {p.get_closeness_display().lower()},"
            f" {p.get_support_level_display().lower()}, {p.get_conflict_level_display().lower()}"
        )
        if _status(p) != RelationshipStatus.CURRENT:
            bit += f", relationship {RelationshipStatus(_status(p)).label.lower()}"
        bits.append(bit)
    return "The client at the centre. " + "; ".join(bits) + "."
