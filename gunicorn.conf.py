"""Gunicorn's settings for ipt-course (read from the working directory: run gunicorn from here).

Each worker brings up its PDF renderer as soon as it starts (``cases.pdf_workers.start``): the
fork server imports Django and WeasyPrint and renders a warm-up page in the background, so the
first PDF a fresh worker serves does not pay the ~1.5 s of WeasyPrint's import and font set-up.
Command-line flags (``--bind``, ``--workers``) still apply on top of these.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipt_site.settings")

wsgi_app = "ipt_site.wsgi"
workers = 2
# A request that outlives this is stuck: gunicorn replaces the worker. Longer than a PDF's limit.
timeout = 60


def post_fork(server, worker):
    from cases import pdf_workers

    pdf_workers.start()


def post_worker_init(worker):
    """Before the worker takes requests: import every view (the URL patterns) and compile the PDF
    templates, which the first request would otherwise do (~0.1-0.2 s on its first PDF); then
    freeze what is loaded out of the garbage collector's way."""
    from pathlib import Path

    from django.template.loader import get_template
    from django.urls import get_resolver

    try:
        get_resolver().url_patterns  # noqa: B018 - imports the URL conf and every view
        root = Path(__file__).resolve().parent / "templates"
        for template in sorted((root / "pdf").rglob("*.html")):
            get_template(template.relative_to(root).as_posix())
    except Exception:  # a slower first request is better than a worker that will not start
        worker.log.exception("Could not load the pages ahead of the first request")
    # What is loaded by now (Django, the views, the compiled templates: over 100,000 objects) lives
    # as long as the worker. Frozen out of the garbage collector's generations, its full
    # collections no longer walk it: ~0.2-0.3 ms less per course page request on average.
    import gc

    gc.freeze()


def worker_exit(server, worker):
    from cases import pdf_workers

    pdf_workers.stop_all()
