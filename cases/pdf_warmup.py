"""Imported once by the PDF workers' fork server (``cases.pdf_workers``), before any worker.

Importing it sets Django up, imports WeasyPrint and renders one page with the PDF stylesheet,
so that fonts, font configuration and the stylesheet are loaded once and every worker forked
afterwards starts warm. It must never raise: the fork server would not start, and then no PDF
could be made; a cold worker is only slower.
"""

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


def warm_up() -> None:
    from django.template.loader import render_to_string
    from django.utils import timezone

    html_to_pdf = renderer()
    html = render_to_string(
        "pdf/base.html", {"clinic_name": "Warm-up", "generated_at": timezone.now()}
    )
    html_to_pdf(html.replace("</body>", "<p><strong>Bold</strong> <em>italic</em></p></body>"))


try:
    warm_up()
except Exception:  # noqa: BLE001 - see the module docstring
    logger.exception("Warming up the PDF renderer failed; workers will start cold")
