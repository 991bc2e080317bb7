"""SVG text in PDFs laid out a run at a time instead of a letter at a time, with the same result.

WeasyPrint draws every ``<text>`` of an SVG letter by letter: each letter gets its own Pango
layout (a new Pango context, font lookup and shaping) and its own text-drawing operation, after
one layout of the whole string to measure it. Our charts label every point and axis, so on the
formulation PDF that was about 180 layouts and a fifth of the whole render.

Drawn letter by letter, nothing adjusts the space between two letters: no kerning, no ligatures,
each letter simply starts where the one before ended. ``text`` below lays the string out once
with kerning and ligatures switched off, which puts every glyph at the same place, and draws
it in one operation. It does so only when nothing else could differ:

- a ``<text>`` or ``<tspan>`` with at most one x and one y and no ``dx``, ``dy``, ``rotate``,
  ``textLength``, ``letter-spacing`` or right-to-left direction;
- only characters that do not join or combine with their neighbours (Latin, Greek, Cyrillic,
  punctuation and the symbols our charts use): shaping across letters changes nothing for them.

Anything else is drawn by WeasyPrint's own function, exactly as before. The PDFs' text and
pixels were compared with and without this (tests/cases/test_pdf_svg_text.py).
"""

import unicodedata
from functools import cache
from math import inf

# Characters laid out the same alone or in a run: below the Hebrew block (Latin, Greek,
# Cyrillic, IPA, combining marks excluded below), general punctuation, and a few symbol
# blocks (arrows, mathematical operators, geometric shapes) used as labels.
_SAFE_RANGES = ((0x20, 0x058F), (0x2000, 0x206F), (0x2190, 0x22FF), (0x25A0, 0x25FF))
_REFUSED_ATTRIBUTES = ("dx", "dy", "rotate", "textLength")


def safe_text(text: str) -> bool:
    """Whether every character of ``text`` is drawn the same alone as next to others."""
    return all(
        any(low <= ord(char) <= high for low, high in _SAFE_RANGES)
        and not unicodedata.category(char).startswith("M")
        for char in text
    )


def _single(value: str | None) -> bool:
    from weasyprint.svg.utils import normalize

    return value is None or len(normalize(value).strip().split(" ")) == 1


def drawn_as_one_run(node) -> bool:
    """Whether ``node`` can be drawn in one run with the same result as letter by letter."""
    return (
        node.tag in ("text", "tspan")
        and bool(node.text)
        and not any(name in node.attrib for name in _REFUSED_ATTRIBUTES)
        and node.get("letter-spacing") is None
        and node.get("direction") != "rtl"
        and _single(node.attrib.get("x"))
        and _single(node.attrib.get("y"))
        and safe_text(node.text)
    )


def make_text(letter_by_letter):
    """WeasyPrint's SVG ``text`` drawing function, drawing simple text in one run."""
    from weasyprint.css.properties import INITIAL_VALUES
    from weasyprint.draw.text import draw_emojis, draw_first_line
    from weasyprint.matrix import Matrix
    from weasyprint.svg.bounding_box import extend_bounding_box
    from weasyprint.svg.text import Style, TextBox
    from weasyprint.text import line_break

    def text(svg, node, font_size):
        if not drawn_as_one_run(node):
            return letter_by_letter(svg, node, font_size)
        # The style WeasyPrint builds for SVG text, without kerning and ligatures (see above).
        style = Style()
        style.update(INITIAL_VALUES)
        style.font_config = svg.font_config
        style["font_family"] = [
            font.strip("\"'") for font in node.get("font-family", "sans-serif").split(",")
        ]
        style["font_style"] = node.get("font-style", "normal")
        style["font_size"] = font_size
        style["font_weight"] = _weight(node.get("font-weight", 400))
        style["font_kerning"] = "none"
        style["font_variant_ligatures"] = "none"
        if node.get("direction") == "ltr":
            style["direction"] = "ltr"
        layout, _, _, width, height, baseline = line_break.split_first_line(
            node.text, style, svg.context, inf, 0
        )

        # Where the first letter goes, as WeasyPrint places it (no dx, dy or rotation here;
        # like WeasyPrint, a position of 0 keeps the offset of the text before).
        x = _position(node, "x", font_size, svg.inner_width)
        y = _position(node, "y", font_size, svg.inner_height)
        if x:
            svg.cursor_d_position[0] = 0
        if y:
            svg.cursor_d_position[1] = 0
        x = svg.cursor_position[0] if x is None else x
        y = svg.cursor_position[1] if y is None else y
        svg.cursor_position = x + width, y
        y_align = _y_align(node, font_size, height)
        x_position = x + svg.cursor_d_position[0]
        y_position = y + svg.cursor_d_position[1] + y_align
        points = (
            (x_position, y_position - baseline),
            (x_position + width, y_position - baseline + height),
        )
        node.text_bounding_box = extend_bounding_box(node.text_bounding_box, points)

        svg.stream.push_state()
        fill, stroke = svg.set_graphical_state(node, font_size)
        svg.stream.begin_text()
        svg.fill_stroke(fill, stroke, text=True)
        layout.reactivate(style)
        text_box = TextBox(layout, style)
        text_box.baseline = baseline
        matrix = Matrix(a=1, d=-1, e=x_position, f=y_position)
        emojis = draw_first_line(svg.stream, text_box, "none", "none", matrix)
        svg.stream.end_text()
        svg.stream.pop_state()
        draw_emojis(svg.stream, style, x, y, emojis)

    return text


def _position(node, name: str, font_size: float, reference: float) -> float | None:
    from weasyprint.svg.utils import normalize, size

    if name not in node.attrib:
        return None
    return size(normalize(node.attrib[name]).strip(), font_size, reference)


def _weight(value) -> int:
    if value == "normal":
        return 400
    if value == "bold":
        return 700
    try:
        return int(value)
    except ValueError:
        return 400


def _y_align(node, font_size: float, height: float) -> float:
    """WeasyPrint's vertical alignment of SVG text (``weasyprint.svg.text.text``)."""
    ascent, descent = font_size * 0.8, font_size * 0.2
    display_anchor = node.get("display-anchor")
    baseline = node.get("dominant-baseline", node.get("alignment-baseline"))
    if display_anchor == "middle":
        return -height / 2
    if display_anchor == "top":
        return 0
    if display_anchor == "bottom":
        return -height
    if baseline in ("central", "middle"):
        return (ascent + descent) / 2 - descent
    if baseline in ("text-before-edge", "before_edge", "top", "hanging", "text-top"):
        return ascent
    if baseline in ("text-after-edge", "after_edge", "bottom", "text-bottom"):
        return -descent
    return 0


def use(function) -> None:
    """Draw SVG text elements with ``function`` (``draw_node`` recognises text elements by
    comparing ``TAGS[tag]`` with the module's ``text``, so both are set)."""
    import weasyprint.svg as svg_module

    for tag, drawn_by in list(svg_module.TAGS.items()):
        if drawn_by is svg_module.text:
            svg_module.TAGS[tag] = function
    svg_module.text = function


@cache
def install() -> None:
    """Draw SVG text with ``make_text`` in every later render of this process."""
    from weasyprint.svg import text as letter_by_letter

    global weasyprint_text
    weasyprint_text = letter_by_letter
    use(make_text(letter_by_letter))


# WeasyPrint's own function, once ``install`` has run (for comparisons in tests).
weasyprint_text = None
