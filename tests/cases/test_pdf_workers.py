"""PDFs render in worker processes: killed at the time limit, capped in memory, few at once."""

import os
import re
import subprocess
import time
from pathlib import Path

import pytest
from django.urls import reverse

from cases import pdf, pdf_workers
from tests import factories

HUGE = "<table>" + "<tr><td>row</td><td>{}</td></tr>".format("text " * 40) * 20000 + "</table>"


def pdf_text(content: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


@pytest.fixture(autouse=True)
def _fresh_workers(settings, tmp_path):
    """Workers read their memory cap when they start: begin and end each test without any."""
    settings.PDF_SLOT_DIR = str(tmp_path / "slots")
    pdf_workers.stop_all()
    yield
    pdf_workers.stop_all()


def idle_worker_pid() -> int:
    pdf_workers.render("<p>Warm</p>", None, timeout=60)
    [worker] = pdf_workers._idle
    return worker.process.pid


def wait_until_gone(pid: int) -> bool:
    for _ in range(50):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


def test_it_kills_a_huge_document_at_the_time_limit_and_keeps_working():
    pid = idle_worker_pid()
    started = time.monotonic()
    with pytest.raises(pdf.PdfTimeout):
        pdf_workers.render(HUGE, None, timeout=1)
    assert time.monotonic() - started < 5
    assert wait_until_gone(pid), "the worker that overran is still running"
    content = pdf_workers.render("<p>After the stopped render</p>", None, timeout=60)
    assert "After the stopped render" in pdf_text(content)


def test_it_ends_a_render_that_needs_more_memory_than_the_cap(settings):
    pid = idle_worker_pid()
    status = Path(f"/proc/{pid}/status").read_text()
    idle_size_mb = int(re.search(r"VmSize:\s+(\d+) kB", status).group(1)) // 1024
    pdf_workers.stop_all()
    # Room for an ordinary page, not for a 20,000-row table.
    settings.PDF_MEMORY_LIMIT_MB = idle_size_mb + 48
    pid = idle_worker_pid()
    with pytest.raises(pdf.PdfTooLarge):
        pdf_workers.render(HUGE, None, timeout=300)
    assert wait_until_gone(pid), "the worker that ran out of memory is still running"
    content = pdf_workers.render("<p>Still working</p>", None, timeout=60)
    assert "Still working" in pdf_text(content)


@pytest.mark.django_db
def test_it_asks_to_try_again_while_every_render_slot_is_in_use(client, settings):
    settings.PDF_MAX_CONCURRENT = 2
    course = factories.make_course()
    factories.make_formulation(course)
    url = reverse("formulation:pdf", args=[course.pk])
    client.force_login(course.therapist)
    # Two renders in flight (held here as the app servers hold them).
    with pdf_workers._slot(), pdf_workers._slot():
        response = client.get(url)
        assert response.status_code == 503
        assert response["Retry-After"] == "30"
        page = response.content.decode()
        assert "PDFs are busy just now" in page and "try again" in page
        assert pdf_workers._idle == []  # nothing was started
    with pdf_workers._slot():
        response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


@pytest.mark.django_db
def test_it_says_so_when_a_document_was_too_large(client, monkeypatch):
    def too_large(html, resources=None, *, timeout):
        raise pdf.PdfTooLarge("The PDF worker ended before the document was finished")

    monkeypatch.setattr(pdf_workers, "render", too_large)
    course = factories.make_course()
    factories.make_formulation(course)
    client.force_login(course.therapist)
    response = client.get(reverse("formulation:pdf", args=[course.pk]))
    assert response.status_code == 503
    page = response.content.decode()
    assert "too large to prepare, so it was stopped" in page
    assert "Nothing in the record was changed" in page


def test_it_starts_a_warm_spare_and_replaces_a_worker_that_was_stopped():
    pdf_workers.start()
    assert pdf_workers.wait_until_ready(timeout=120), "no spare worker came up"
    [spare] = pdf_workers._idle
    assert spare.process.is_alive()
    with pytest.raises(pdf.PdfTimeout):
        pdf_workers.render(HUGE, None, timeout=1)  # takes the spare, which is then killed
    assert wait_until_gone(spare.process.pid)
    # A new spare is got ready in the background, before anyone asks for the next PDF.
    assert pdf_workers.wait_until_ready(timeout=120), "the stopped worker was not replaced"
    [replacement] = pdf_workers._idle
    assert replacement.process.pid != spare.process.pid
    content = pdf_workers.render("<p>From the replacement</p>", None, timeout=60)
    assert "From the replacement" in pdf_text(content)
