"""PDF rendering for every export: a Django template in, PDF bytes out, safely and in bounded time.

- WeasyPrint is imported on first use (it costs ~0.6 s), never at module import.
- Only the project's own static files can be fetched (read from disk through the staticfiles
  finders); ``file:``, ``http(s):``, ``data:`` and anything else are refused.
- A render runs in a worker process (``cases.pdf_workers``): killed at ``PDF_TIMEOUT_SECONDS``,
  capped at ``PDF_MEMORY_LIMIT_MB``, and at most ``PDF_MAX_CONCURRENT`` at once on a machine.
  A render that overruns, runs out of memory or fails raises ``PdfError`` and the caller shows
  ``pdf/error.html`` (503); when every slot is taken, ``pdf/busy.html`` (503, try again).
  Nothing is written anywhere.
- Templates are ordinary Django templates, so user text is auto-escaped and cannot add markup.

Use ``pdf_response(request, "pdf/my_export.html", context, filename="...")`` from a view;
extend ``pdf/base.html`` (A4, "Confidential" header, clinic name, page numbers). Charts: pass
``resources={"chart.svg": svg_resource(svg)}`` and use ``<img src="generated/chart.svg">``;
their labels are drawn a run at a time, not a letter at a time (``cases.pdf_svg_text``).
"""

import logging
import mimetypes
import posixpath
from functools import cache
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone

from audit.trail import record
from cases import pdf_workers
from cases.pdf_workers import PdfBusy, PdfError, PdfTimeout, PdfTooLarge

logger = logging.getLogger(__name__)
# WeasyPrint logs every step (from its import on) at INFO; keep its warnings only.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

# Relative URLs in PDF templates resolve against this; it is never contacted: the fetcher
# maps ``{BASE_URL}static/<path>`` to a file found by the staticfiles finders.
BASE_URL = "https://pdf.invalid/"
# Documents built for one render (e.g. a chart as SVG) are served from memory under this path.
GENERATED_PREFIX = "/generated/"


class RefusedURL(ValueError):
    """A document asked for something other than one of our static files."""


def static_path_for(url: str) -> str:
    """The static file path an allowed URL points at, or ``RefusedURL``."""
    parts = urlsplit(url)
    base = urlsplit(BASE_URL)
    prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    if (parts.scheme, parts.netloc) != (base.scheme, base.netloc) or not parts.path.startswith(
        prefix
    ):
        raise RefusedURL(f"PDF rendering only loads the app's own static files, not {url!r}")
    relative = posixpath.normpath(unquote(parts.path[len(prefix) :]))
    if relative.startswith(("..", "/")) or relative == ".":
        raise RefusedURL(f"Refused path outside the static files: {url!r}")
    return relative


def read_static(url: str) -> tuple[bytes, str]:
    """(content, mime type) of the static file ``url`` names; ``RefusedURL`` for anything else."""
    relative = static_path_for(url)
    found = finders.find(relative)
    if not found and staticfiles_storage.exists(relative):
        # Collected (hashed) names in production live under STATIC_ROOT, not in the finders.
        found = staticfiles_storage.path(relative)
    if not found:
        raise RefusedURL(f"No such static file: {relative!r}")
    with open(found, "rb") as handle:
        content = handle.read()
    return content, mimetypes.guess_type(relative)[0] or "application/octet-stream"


@cache
def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        def __init__(self, resources: dict | None = None):
            # Deliberately not URLFetcher.__init__: it builds urllib handlers (an SSL context
            # costs ~60 ms) that this fetcher never uses, because it never opens a connection.
            self._fail_on_errors = False
            self._allowed_protocols = ("https",)
            self._resources = resources or {}

        def fetch(self, url, headers=None):
            try:
                content, mime = read_resource(url, self._resources)
            except RefusedURL:
                logger.warning("PDF render refused to fetch %s", url[:200])
                raise
            return URLFetcherResponse(url, content, {"Content-Type": mime})

        def open(self, url, data=None, timeout=None):
            return self.fetch(getattr(url, "full_url", url))

    return StaticOnlyFetcher


def read_resource(url: str, resources: dict[str, tuple[bytes, str]]) -> tuple[bytes, str]:
    """A document generated for this render (``generated/<name>``), or one of our static files."""
    parts = urlsplit(url)
    if (
        f"{parts.scheme}://{parts.netloc}/" == BASE_URL
        and parts.path.startswith(GENERATED_PREFIX)
        and not parts.query
    ):
        name = parts.path[len(GENERATED_PREFIX) :]
        if name in resources:
            return resources[name]
        raise RefusedURL(f"No generated resource named {name!r}")
    return read_static(url)


def static_only_fetcher(resources: dict[str, tuple[bytes, str]] | None = None):
    """A WeasyPrint URL fetcher serving our static files (and ``resources``), refusing the rest."""
    return _fetcher_class()(resources)


def html_to_pdf(html: str, resources: dict[str, tuple[bytes, str]] | None = None) -> bytes:
    """Render an HTML string with WeasyPrint (no time limit: use ``render_pdf``)."""
    from weasyprint import HTML

    from cases import pdf_engine, pdf_svg_text

    pdf_engine.install_stylesheet_reuse()
    pdf_engine.skip_unused_margin_box_sizes()
    pdf_svg_text.install()
    fetcher = static_only_fetcher(resources)
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher)
    return document.write_pdf(font_config=pdf_engine.font_config())


def svg_resource(svg: str) -> tuple[bytes, str]:
    """A generated SVG to pass in ``resources`` and show with ``<img src="generated/NAME">``.

    Drawn as an image, an SVG skips the HTML style cascade that inline SVG elements go through:
    about 15% faster on the formulation PDF.
    """
    return str(svg).encode(), "image/svg+xml"


def render_pdf(
    template_name: str,
    context: dict,
    *,
    timeout: float | None = None,
    resources: dict[str, tuple[bytes, str]] | None = None,
) -> bytes:
    """Render a Django template to PDF bytes in a worker process, or raise ``PdfError``.

    The template is rendered here (it may read the database); only the HTML goes to the worker.
    """
    base = {"clinic_name": settings.CLINIC_NAME, "generated_at": timezone.localtime()}
    html = render_to_string(template_name, {**base, **context})
    limit = timeout or settings.PDF_TIMEOUT_SECONDS
    return pdf_workers.render(html, resources, timeout=limit)


def pdf_response(
    request: HttpRequest,
    template_name: str,
    context: dict,
    *,
    filename: str,
    back_url: str = "/",
    resources: dict[str, tuple[bytes, str]] | None = None,
    timeout: float | None = None,
) -> HttpResponse:
    """The PDF as a download, or a clear error page (503) if it could not be made.

    ``timeout`` overrides the usual limit for a document known to be long (a whole record)."""
    try:
        content = render_pdf(template_name, context, resources=resources, timeout=timeout)
    except PdfBusy as error:
        logger.warning("PDF export refused, every render slot is busy: %s", error)
        response = render(request, "pdf/busy.html", {"back_url": back_url}, status=503)
        response["Retry-After"] = "30"
        return response
    except PdfError as error:
        logger.exception("PDF export failed: %s", error)
        context = {
            "back_url": back_url,
            "timed_out": isinstance(error, PdfTimeout),
            "too_large": isinstance(error, PdfTooLarge),
        }
        return render(request, "pdf/error.html", context, status=503)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_safe_filename(filename)}"'
    response["Cache-Control"] = "no-store"
    return response


def exported_pdf(
    request: HttpRequest,
    template_name: str,
    context: dict,
    *,
    subject,
    client,
    detail: dict,
    **options,
) -> HttpResponse:
    """``pdf_response``, with its ``pdf.export`` audit row of ``subject`` written only when the
    PDF was made (a busy or failed render exported nothing)."""
    response = pdf_response(request, template_name, context, **options)
    if response.status_code == 200:
        with transaction.atomic():
            record(request.user, "pdf.export", subject, client=client, detail=detail)
    return response


def _safe_filename(name: str) -> str:
    cleaned = "".join(c if c.isalnum() or c in "-_." else "-" for c in name)
    return cleaned.strip("-.") or "document.pdf"
