"""What a PDF worker keeps between renders (cases.pdf_engine) changes nothing in the documents."""

import subprocess

from django.template.loader import render_to_string

from cases import pdf, pdf_engine


def pdf_text(content: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


def page_document(body: str) -> str:
    """A document on the clinical stylesheet: running header and footer come from its @page."""
    html = render_to_string("pdf/base.html", {"clinic_name": "North Clinic"})
    return html.replace("</body>", f"{body}</body>")


def test_it_keeps_the_header_and_page_numbers_when_the_stylesheet_is_reused():
    html = page_document('<h2>One</h2><h2 class="page-break">Two</h2>')
    first = pdf_text(pdf.html_to_pdf(html))
    # The second render reuses the sheet parsed by the first (or an earlier test's).
    again = pdf_text(pdf.html_to_pdf(html))
    assert again == first
    assert "CONFIDENTIAL" in again and "North Clinic" in again
    assert "Page 1 of 2" in again and "Page 2 of 2" in again


def test_it_parses_a_stylesheet_once_for_the_same_content_and_again_when_it_changes():
    parsed = []

    def parse():
        parsed.append(1)
        return object()

    url = "https://pdf.invalid/static/pdf/test-only.css"
    sheet = pdf_engine.reusable_sheet(url, "print", b"p { color: red }", parse)
    assert pdf_engine.reusable_sheet(url, "print", b"p { color: red }", parse) is sheet
    assert len(parsed) == 1
    edited = pdf_engine.reusable_sheet(url, "print", b"p { color: blue }", parse)
    assert edited is not sheet and len(parsed) == 2


def test_it_never_reuses_a_stylesheet_that_adds_fonts_or_layers():
    def parse():
        raise AssertionError("a sheet with shared state must be parsed by WeasyPrint each time")

    url = "https://pdf.invalid/static/pdf/test-fonts.css"
    for rule in (b"@font-face { font-family: X; src: url(x.ttf) }", b"@layer base { p {} }"):
        assert pdf_engine.reusable_sheet(url, "print", rule, parse) is None


def test_it_shares_one_font_configuration_between_renders():
    assert pdf_engine.font_config() is pdf_engine.font_config()
    content = pdf.html_to_pdf(page_document("<p><strong>Bold</strong> and <em>italic</em></p>"))
    assert "Bold and italic" in pdf_text(content)


def test_it_makes_the_same_pdf_without_sizing_the_margin_boxes_that_show_nothing(monkeypatch):
    import weasyprint.layout.page

    html = page_document('<h2>One</h2><p>Text</p><h2 class="page-break">Two</h2>')
    pdf_engine.skip_unused_margin_box_sizes()
    shortcut = weasyprint.layout.page.resolve_percentages
    weasyprint_resolve = shortcut.weasyprint_resolve
    resolved = []

    def counted(box, *args, **kwargs):
        resolved.append(type(box).__name__)
        return weasyprint_resolve(box, *args, **kwargs)

    monkeypatch.setattr(shortcut, "weasyprint_resolve", counted)
    skipping = pdf.html_to_pdf(html)
    # Two pages of 16 margin boxes: only the 5 a page with content are sized.
    assert resolved.count("MarginBox") == 10
    monkeypatch.setattr(weasyprint.layout.page, "resolve_percentages", weasyprint_resolve)
    assert pdf.html_to_pdf(html) == skipping
    assert "Page 2 of 2" in pdf_text(skipping) and "North Clinic" in pdf_text(skipping)
