"""The processes PDFs are rendered in: warm, bounded in time and memory, few at once.

Why processes: WeasyPrint cannot be interrupted, and a thread cannot be killed, so a runaway
document (a year of notes, a pathological table) would keep a CPU and its memory until it
finished. Here each render runs in a worker process that the app server kills at the time limit;
its memory goes back to the system with it, and the next render gets a fresh worker.

- Workers are forked from a *fork server* (``multiprocessing``'s ``forkserver``) that has already
  imported Django and WeasyPrint and rendered a warm-up page (``cases.pdf_warmup``), so a new
  worker starts in milliseconds with its fonts loaded. ``start()`` brings the fork server and one
  idle worker up at app-server start (gunicorn's ``post_fork`` hook, gunicorn.conf.py), so even
  the first PDF a fresh app-server process renders does not pay for WeasyPrint's import.
- Each worker caps its own address space (``RLIMIT_AS``, ``PDF_MEMORY_LIMIT_MB``): a document
  that needs more fails inside the worker, which then exits.
- At most ``PDF_MAX_CONCURRENT`` renders run at once on a machine, counted with lock files (one
  per slot, under ``PDF_SLOT_DIR``) that every app-server process on it shares; the operating
  system drops a dead process's lock, so a slot is never lost. Beyond that ``PdfBusy`` is raised
  at once and the user is asked to try again, rather than a queue growing behind a slow render.

Nothing here touches the database or writes a document to disk: the HTML goes in through a pipe
and the PDF comes back the same way.
"""

import fcntl
import gc
import logging
import multiprocessing
import multiprocessing.connection
import os
import resource
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)

# A worker exits after this many renders, returning whatever memory WeasyPrint kept.
RENDERS_PER_WORKER = 50
# Idle workers kept per app-server process: one serves a sync worker; more are forked on demand.
IDLE_WORKERS = 1
# A spare that is not ready by then (fork server start-up included) is given up.
SPARE_READY_SECONDS = 120


class PdfError(Exception):
    """The PDF could not be produced (the renderer failed, or ran out of time)."""


class PdfTimeout(PdfError):
    """The render ran past the time limit; its worker was killed."""


class PdfTooLarge(PdfError):
    """The render needed more memory than a worker may have; its worker ended."""


class PdfBusy(PdfError):
    """Every render slot is in use: nothing was started."""


@dataclass
class _Worker:
    process: multiprocessing.Process
    connection: multiprocessing.connection.Connection
    renders: int = 0


_context = multiprocessing.get_context("forkserver")
# "__main__" too: the fork server then loads the app server's main script once (guarded by
# ``if __name__ == "__main__"`` in manage.py, gunicorn and pytest), not every worker again.
_context.set_forkserver_preload(["__main__", "cases.pdf_warmup"])
_idle: list[_Worker] = []
_idle_lock = threading.Lock()
_warming = False  # a spare is being started (``start``)
_generation = 0  # bumped by ``stop_all``: spares started before it are not kept


def _memory_limit_bytes() -> int:
    return int(settings.PDF_MEMORY_LIMIT_MB) * 1024 * 1024


def _serve(connection, memory_limit: int, spare: bool = False) -> None:
    """A worker's life: cap its memory, then render what it is sent until told to stop.

    A ``spare`` (started ahead of need) renders the warm-up document once more and then says
    "ready": a new process's first render also copies the pages of the fork server it touches
    and fills per-process caches, about half as long again as a later one; a spare pays
    that before any request waits for it."""
    if memory_limit > 0:
        resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
    from cases import pdf_warmup

    html_to_pdf = pdf_warmup.renderer()
    # No automatic garbage collection during a render: it ran ~7 times in each small one, for
    # up to a tenth of its time. Most of WeasyPrint's objects go when their last reference does;
    # the cycles it leaves are collected after each answer is sent, while nobody waits (a
    # 1,500-row table peaked within 3 MB of the same memory with the collector on or off).
    gc.disable()
    if spare:
        with suppress(Exception):
            if pdf_warmup.warm_up_job:
                html_to_pdf(*pdf_warmup.warm_up_job)
        gc.collect()
        connection.send(("ready", None))
    while True:
        try:
            job = connection.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if job is None:
            return
        html, resources = job
        try:
            connection.send(("pdf", html_to_pdf(html, resources)))
            gc.collect()
        except MemoryError:
            os._exit(3)  # nothing can be relied on now; the app server sees the pipe close
        except Exception as error:  # noqa: BLE001 - reported to the app server
            # Under the memory cap, C code that fails to allocate often surfaces as SystemError.
            kind = "memory" if isinstance(error, SystemError) else "error"
            connection.send((kind, f"{type(error).__name__}: {error}"[:500]))
            # Whatever WeasyPrint holds now may be half-built: end, and let the memory go.
            return


def _start_worker(*, spare: bool = False) -> _Worker:
    ours, theirs = _context.Pipe(duplex=True)
    process = _context.Process(
        target=_serve,
        args=(theirs, _memory_limit_bytes(), spare),
        name="ipt-pdf-worker",
        daemon=True,
    )
    process.start()
    theirs.close()
    return _Worker(process, ours)


def _take_worker() -> _Worker:
    with _idle_lock:
        while _idle:
            worker = _idle.pop()
            if worker.process.is_alive():
                return worker
            _stop(worker)
    return _start_worker()


def _give_back(worker: _Worker) -> None:
    worker.renders += 1
    if worker.renders < RENDERS_PER_WORKER:
        with _idle_lock:
            if len(_idle) < IDLE_WORKERS:
                _idle.append(worker)
                return
    _stop(worker, politely=True)
    _replace_spare()


def _stop(worker: _Worker, *, politely: bool = False) -> None:
    """End a worker; killed (SIGKILL) unless it is idle and may finish on its own."""
    if politely:
        with suppress(OSError):
            worker.connection.send(None)
        worker.process.join(timeout=1)
    if worker.process.is_alive():
        worker.process.kill()
        worker.process.join(timeout=5)
    worker.connection.close()


@contextmanager
def _slot() -> Iterator[int]:
    """Hold one of the machine's render slots for the block, or raise ``PdfBusy``."""
    directory = Path(settings.PDF_SLOT_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    for number in range(max(1, int(settings.PDF_MAX_CONCURRENT))):
        descriptor = os.open(directory / f"slot-{number}.lock", os.O_CREAT | os.O_RDWR, 0o600)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            continue
        try:
            yield number
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
            os.close(descriptor)
        return
    raise PdfBusy(f"All {settings.PDF_MAX_CONCURRENT} PDF render slots are in use")


def render(html: str, resources: dict | None, *, timeout: float) -> bytes:
    """PDF bytes for ``html``, rendered in a worker process within ``timeout`` seconds."""
    with _slot():
        worker = _take_worker()
        try:
            worker.connection.send((html, resources or {}))
            if not worker.connection.poll(timeout):
                _stop(worker)
                _replace_spare()
                raise PdfTimeout(f"The render took longer than {timeout:g} s and was stopped")
            kind, payload = worker.connection.recv()
        except (EOFError, OSError) as error:
            # The worker died mid-render: out of memory, or killed from outside.
            _stop(worker)
            _replace_spare()
            raise PdfTooLarge("The PDF worker ended before the document was finished") from error
        if kind == "pdf":
            _give_back(worker)
            return payload
        _stop(worker, politely=True)
        _replace_spare()
        if kind == "memory":
            raise PdfTooLarge(payload)
        raise PdfError(payload)


def start() -> None:
    """Bring the fork server and one warm worker up now, in the background (server start)."""
    global _warming
    with _idle_lock:
        generation = _generation
        _warming = True

    def warm() -> None:
        global _warming
        worker = None
        try:
            worker = _start_worker(spare=True)
            if not worker.connection.poll(SPARE_READY_SECONDS):
                raise PdfError("The spare PDF worker did not get ready in time")
            worker.connection.recv()  # ("ready", None)
        except Exception:  # a cold first PDF is better than an app server that will not start
            logger.exception("Could not start a PDF worker")
            if worker is not None:
                _stop(worker)
            worker = None
        with _idle_lock:
            _warming = False
            # Not kept if ``stop_all`` ran meanwhile (its settings may be stale) or none is needed.
            if worker is not None and generation == _generation and len(_idle) < IDLE_WORKERS:
                _idle.append(worker)
                return
        if worker is not None:
            _stop(worker, politely=True)

    threading.Thread(target=warm, name="pdf-warm-up", daemon=True).start()


def _replace_spare() -> None:
    """After a worker ended, start a warm one in the background unless one is idle or coming."""
    with _idle_lock:
        needed = not _idle and not _warming
    if needed:
        start()


def wait_until_ready(timeout: float) -> bool:
    """Wait until a warm worker is idle (after ``start``); False if none came within ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with _idle_lock:
            if _idle:
                return True
        time.sleep(0.05)
    return False


def stop_all() -> None:
    """End every idle worker (tests, and an app-server worker shutting down)."""
    global _generation
    with _idle_lock:
        workers, _idle[:] = list(_idle), []
        _generation += 1  # a spare still warming up is ended when it is ready
    for worker in workers:
        _stop(worker, politely=True)
