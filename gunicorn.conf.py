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


def worker_exit(server, worker):
    from cases import pdf_workers

    pdf_workers.stop_all()
