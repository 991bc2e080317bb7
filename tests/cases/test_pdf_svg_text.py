"""SVG text drawn in one run (cases.pdf_svg_text) lands where WeasyPrint's letter-by-letter
drawing puts it, with the same text, and only text that cannot differ is drawn that way."""

import re
import subprocess
import xml.etree.ElementTree as ElementTree

import pytest

from cases import pdf, pdf_svg_text

TEXT = '<text x="{x}" y="{y}" font-size="{size}" text-anchor="{anchor}" font-weight="{weight}"'
FONT = ' font-family="DejaVu Sans, Arial, sans-serif" fill="#1d2430">{label}</text>'
LABELS = [
    (260, 40, 12, "middle", "normal", "Outer circle"),
    (40, 322, 12, "start", "bold", "PHQ-9 (0–27)"),
    (600, 207, 10, "middle", "normal", "Nov 2026"),
    (300, 120, 14, "end", "bold", "Rows with Dan about chores and mo…"),
    (120, 400, 11, "start", "bold", "Zoë O'Brien (estranged) †"),
]
CHART = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 760 470">'
    + "".join(
        (TEXT + FONT).format(x=x, y=y, size=size, anchor=anchor, weight=weight, label=label)
        for x, y, size, anchor, weight, label in LABELS
    )
    + "</svg>"
)
DOCUMENT = (
    '<!doctype html><html lang="en-GB"><head><title>Chart</title></head><body>'
    '<img src="generated/chart.svg" style="width: 180mm" alt="Chart"></body></html>'
)


def words_with_boxes(content: bytes) -> list[tuple[str, float, float, float, float]]:
    """Every word pdftotext finds, with its box (points)."""
    html = subprocess.run(
        ["pdftotext", "-bbox", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    return [
        (word, float(x1), float(y1), float(x2), float(y2))
        for x1, y1, x2, y2, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
            html,
        )
    ]


def render_chart(drawn_by=None) -> bytes:
    """The chart document, its SVG text drawn by ``drawn_by`` (default: ours)."""
    import weasyprint.svg

    pdf_svg_text.install()
    ours = weasyprint.svg.text
    pdf_svg_text.use(drawn_by or ours)
    try:
        return pdf.html_to_pdf(DOCUMENT, {"chart.svg": pdf.svg_resource(CHART)})
    finally:
        pdf_svg_text.use(ours)


def test_it_puts_every_word_of_chart_text_where_weasyprint_puts_it():
    in_one_run = words_with_boxes(render_chart())
    letter_by_letter = words_with_boxes(render_chart(pdf_svg_text.weasyprint_text))
    assert [word for word, *_ in in_one_run] == [word for word, *_ in letter_by_letter]
    assert "Outer" in [word for word, *_ in in_one_run]
    for (word, *box), (_, *expected) in zip(in_one_run, letter_by_letter, strict=True):
        # Within 0.05 pt (0.02 mm, a tenth of a pixel at 150 dpi): one run places glyphs with
        # offsets written to 1/1000 of an em, which add up over a long label.
        assert box == pytest.approx(expected, abs=0.05), word


def test_it_lays_simple_text_out_once_instead_of_once_per_letter(monkeypatch):
    import weasyprint.text.line_break

    pdf_svg_text.install()
    layouts = []
    original = weasyprint.text.line_break.split_first_line

    def counted(text, *args, **kwargs):
        layouts.append(text)
        return original(text, *args, **kwargs)

    monkeypatch.setattr(weasyprint.text.line_break, "split_first_line", counted)
    pdf.html_to_pdf(DOCUMENT, {"chart.svg": pdf.svg_resource(CHART)})
    for *_, label in LABELS:
        assert layouts.count(label) == 1, label
    assert not [text for text in layouts if len(text) == 1]


def node(markup: str):
    """The first element of an SVG made of ``markup``, as WeasyPrint's SVG drawing sees it."""
    from cssselect2 import ElementWrapper
    from weasyprint.svg import Node

    root = ElementTree.fromstring(  # noqa: S314 - our own literal markup
        f'<svg xmlns="http://www.w3.org/2000/svg">{markup}</svg>'
    )
    return Node(next(ElementWrapper.from_xml_root(root).iter_children()), [])


@pytest.mark.parametrize(
    "markup",
    [
        '<text x="10" y="20">Mum</text>',
        '<text x="10" y="20" text-anchor="middle">PHQ-9 (0–27)</text>',
        "<tspan>Zoë †</tspan>",
    ],
)
def test_it_draws_plain_text_in_one_run(markup):
    assert pdf_svg_text.drawn_as_one_run(node(markup))


@pytest.mark.parametrize(
    "markup",
    [
        '<text x="10 20 30" y="20">Mum</text>',
        '<text x="10" y="20" dx="2">Mum</text>',
        '<text x="10" y="20" rotate="10">Mum</text>',
        '<text x="10" y="20" textLength="80">Mum</text>',
        '<text x="10" y="20" letter-spacing="2">Mum</text>',
        '<text x="10" y="20" direction="rtl">Mum</text>',
        '<text x="10" y="20">مريم</text>',
        '<text x="10" y="20">नमस्ते</text>',
        '<text x="10" y="20">e\u0301</text>',
        '<text x="10" y="20"></text>',
        '<textPath href="#p">Mum</textPath>',
    ],
)
def test_it_leaves_text_that_could_look_different_to_weasyprint(markup):
    assert not pdf_svg_text.drawn_as_one_run(node(markup))
