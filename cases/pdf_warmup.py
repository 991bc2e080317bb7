"""Imported once by the PDF workers' fork server (``cases.pdf_workers``), before any worker.

Importing it sets Django up, imports WeasyPrint and renders a warm-up document
(``pdf/warm_up.html``: the elements, chart shapes and fonts the real documents use) and a page
with the client documents' stylesheet, so that fonts, the shared font configuration, the parsed
stylesheets (``cases.pdf_engine``) and WeasyPrint's code paths are loaded once and every worker
forked afterwards renders its first real PDF about as fast as its later ones. It must never raise: the fork server would not start, and then no PDF
could be made; a cold worker is only slower.
"""

import gc
import logging

logger = logging.getLogger(__name__)


def renderer():
    """``cases.pdf.html_to_pdf``, with Django set up first (a fork server starts bare)."""
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()
    from cases.pdf import html_to_pdf

    return html_to_pdf


# Drawn like the generated charts: shapes, dashes, a line, text of the sizes and weights they use.
WARM_UP_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 520 200">'
    '<rect x="0" y="0" width="520" height="200" fill="#ffffff"/>'
    '<circle cx="100" cy="100" r="90" fill="#f8f9fb" stroke="#c9d1dc" stroke-width="1"/>'
    '<line x1="100" y1="100" x2="180" y2="60" stroke="#b35c00" stroke-width="3"'
    ' stroke-dasharray="6 4"/>'
    '<polyline points="220,150 300,120 380,160" fill="none" stroke="#1f5fa8" stroke-width="2"/>'
    '<rect x="220" y="100" width="280" height="80" fill="#f3f5f8" stroke="#c9d1dc"/>'
    + "".join(
        f'<text x="{x}" y="{y}" font-size="{size}" text-anchor="{anchor}" fill="#1d2430"'
        f' font-weight="{weight}" font-family="DejaVu Sans, Arial, sans-serif">Warm 0–27 {size}</text>'
        for x, y, size, anchor, weight in (
            (100, 40, 12, "middle", "normal"),
            (100, 104, 12, "middle", "bold"),
            (180, 80, 14, "middle", "bold"),
            (240, 30, 12, "start", "bold"),
            (300, 110, 10, "middle", "normal"),
            (380, 150, 10, "middle", "bold"),
        )
    )
    + "</svg>"
)


# (html, resources) of the warm-up document, for a spare worker to render once more at its start.
warm_up_job: tuple[str, dict] | None = None


def warm_up() -> None:
    """Render what the real documents use, once: both stylesheets, tables, charts, fonts."""
    from django.template.loader import render_to_string
    from django.utils import timezone

    global warm_up_job
    html_to_pdf = renderer()
    context = {"clinic_name": "Warm-up", "generated_at": timezone.now()}
    html = render_to_string("pdf/warm_up.html", context)
    warm_up_job = (html, {"warm.svg": (WARM_UP_SVG.encode(), "image/svg+xml")})
    html_to_pdf(*warm_up_job)
    client_html = render_to_string("pdf/client/base.html", context)
    html_to_pdf(client_html.replace("</div>\n</body>", "<h2>Warm</h2><p>Warm</p></div></body>"))
    # The fork server's objects live as long as it does: keep the collector off them, so a
    # forked worker does not walk (and copy, page by page) the fork server's whole heap.
    gc.freeze()


try:
    warm_up()
except Exception:  # noqa: BLE001 - see the module docstring
    logger.exception("Warming up the PDF renderer failed; workers will start cold")
