"""WeasyPrint kept warm inside a PDF worker: what one render can reuse from the renders before.

A render builds everything from scratch by default. Two parts of that are the same for every
document we make and cost a third of a small render, so a worker (and the fork server it is
forked from, which renders a warm-up page first: ``cases.pdf_warmup``) keeps them:

- One ``FontConfiguration`` for the process. Each new one opens a new Pango font map, which
  finds, loads and shapes the fonts again; a shared one keeps them loaded. Fonts are chosen by
  the stylesheet alone, so a document renders the same with either. (An ``@font-face`` rule
  would add its font to the shared map for later documents too: our stylesheets have none.)
- Our own stylesheets, parsed once. A ``<link>`` to one of the app's static stylesheets is
  parsed (tokenised, validated, selectors compiled) at every render otherwise. The parsed
  sheet is kept per URL *and content*, so an edited file is parsed again. Only a sheet whose
  parsing touches nothing outside itself is kept: one with ``@font-face``, ``@counter-style``,
  ``@layer``, ``@import`` or ``@color-profile`` is parsed at every render as before.

Images are never shared between renders: a generated chart has the same name in every
document (``generated/map.svg``) but not the same content.

One step of every page's layout is skipped because its result is thrown away
(``skip_unused_margin_box_sizes``): the sizes of the page-margin boxes that show nothing.
"""

import hashlib
import io
from functools import cache

# A sheet containing any of these writes into the document's shared state while it is parsed
# (fonts, counter styles, cascade layers, imported sheets, colour profiles): never reused.
_NOT_REUSABLE = (b"@font-face", b"@counter-style", b"@layer", b"@import", b"@color-profile")
_parsed: dict[tuple[str, str, str], object] = {}


@cache
def font_config():
    """The process's font configuration (Pango font map), shared by every render."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def reusable_sheet(url: str, media_type: str, content: bytes, parse):
    """The parsed stylesheet for ``url`` with this ``content``: ``parse()`` the first time, the
    same object after; ``None`` if the sheet must be parsed at every render."""
    if any(rule in content.lower() for rule in _NOT_REUSABLE):
        return None
    key = (url, media_type, hashlib.sha256(content).hexdigest())
    if key not in _parsed:
        _parsed[key] = parse()
    return _parsed[key]


@cache
def install_stylesheet_reuse() -> None:
    """Make WeasyPrint's ``<link rel=stylesheet>`` loading reuse parsed static stylesheets.

    ``weasyprint.css.find_stylesheets`` builds ``CSS(url=..., page_rules=..., layers=...)`` for
    each link; the ``CSS`` name it calls is replaced with one that reads the app's own static
    files (``cases.pdf.read_static``, once per render as before) and returns the sheet parsed
    from the same content before. Anything else is built exactly as before.
    """
    import weasyprint.css
    from weasyprint import CSS

    from cases import pdf

    def css(*args, url=None, **options):
        if args or url is None or set(options) - _LINK_OPTIONS:
            return CSS(*args, url=url, **options)
        try:
            content, mime = pdf.read_static(url)
        except pdf.RefusedURL:
            return CSS(url=url, **options)  # refused by the fetcher, and logged, as before

        def parse():
            # As CSS(url=...) would parse it (bytes, the URL as base), into lists of its own:
            # WeasyPrint reads a sheet's @page rules from ``sheet.page_rules``, not the
            # document's list, so the document still gets them from this sheet.
            kept = {k: v for k, v in options.items() if k not in _PER_DOCUMENT}
            return CSS(file_obj=io.BytesIO(content), base_url=url, **kept)

        media_type = options.get("media_type", "print")
        sheet = reusable_sheet(url, media_type, content, parse) if mime == "text/css" else None
        return sheet if sheet is not None else CSS(url=url, **options)

    weasyprint.css.CSS = css


@cache
def skip_unused_margin_box_sizes() -> None:
    """Do not resolve the sizes of page-margin boxes that show nothing.

    WeasyPrint builds all 16 margin boxes of every page (our pages show 5) and resolves each
    one's percentages (margins, padding, borders, sizes: a dozen computed style values) before
    it looks at whether the box has content; for one without, it then sets its size and all of
    its spacing to 0 (``weasyprint.layout.page.make_margin_boxes``), so the resolved values are
    never read. Resolving them was a few percent of a formulation PDF. The PDF is byte for byte
    the same (tests/cases/test_pdf_engine.py)."""
    import weasyprint.layout.page
    from weasyprint.formatting_structure.boxes import MarginBox

    def resolve_percentages(box, containing_block, *args, **kwargs):
        if type(box) is MarginBox and not box.is_generated:
            return None  # sized 0 with no spacing by make_margin_boxes right after
        return resolve_percentages.weasyprint_resolve(box, containing_block, *args, **kwargs)

    resolve_percentages.weasyprint_resolve = weasyprint.layout.page.resolve_percentages
    weasyprint.layout.page.resolve_percentages = resolve_percentages


# The keyword arguments ``find_stylesheets`` passes for a <link> (besides url, fetcher, rules).
_LINK_OPTIONS = {
    "url_fetcher",
    "media_type",
    "font_config",
    "counter_style",
    "color_profiles",
    "page_rules",
    "layers",
    "_check_mime_type",
}
# The document's own collections: a kept sheet is parsed into fresh ones instead.
_PER_DOCUMENT = {"page_rules", "layers", "counter_style", "color_profiles", "_check_mime_type"}
