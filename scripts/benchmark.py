"""Measure the key pages against the database in ``DATABASE_URL`` (``make benchmark``).

    DATABASE_URL=postgres://... .venv/bin/python scripts/benchmark.py [--runs 30]

Meant for the service that ``manage.py seed_scale`` builds (run it first on an empty
PostgreSQL database; the default SQLite file gets a small one built when it has no courses).
Each page is requested in-process through Django's test client by the person who would open it
(a therapist of the busiest supervisor, that supervisor, the service administrator), three
times to warm up and then ``--runs`` times. For each page it prints the queries of one
request, the median and the 95th percentile in milliseconds, and the median as a multiple of
the floor: a signed-in page that only renders the base template, measured in the same run.

Pages that write (autosave) or audit (every page that shows clinical records) do so for real:
run it on a database made for measuring, never on live data.

The output format is stable (scripts compare runs): a header line, then one line per page:
``name  queries  median_ms  p95_ms  x_floor``.

PDFs render in worker processes (``cases.pdf_workers``). ``first PDF, fresh worker`` starts
the pool as an app server does at start, waits until its warm worker is ready, and times the
first formulation PDF from a worker that has rendered nothing yet; that is repeated with a new
worker each time (``--pdf-starts`` times, the first of them the process's first PDF).
``formulation PDF`` is the same document from a worker that has rendered before.
"""

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'benchmark.sqlite3'}")

import django  # noqa: E402

django.setup()

from django.contrib.auth.decorators import login_required  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.shortcuts import render  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import include, path  # noqa: E402
from django.utils import timezone  # noqa: E402

FLOOR_URL = "/benchmark-floor/"


@login_required
def floor(request):
    """The floor: signed in, the base template, nothing else."""
    return render(request, "base.html", {})


urlpatterns = [path(FLOOR_URL.strip("/") + "/", floor), path("", include("ipt_site.urls"))]


def ensure_data() -> None:
    from cases.models import Course

    if Course.objects.exists():
        return
    if connection.vendor != "sqlite":
        sys.exit("No courses here: run `manage.py seed_scale` on this database first.")
    from django.core.management import call_command

    print("No courses in the SQLite database: building a small service (500 clients)...")
    call_command("migrate", verbosity=0)
    call_command("seed_scale", clients=500, therapists=10, supervisors=2)


def subjects() -> dict:
    """Who opens which record: the busiest supervisor, their therapist with the largest
    caseload, an active course of that therapist in the middle phase with a draft note."""
    from accounts.models import User
    from cases.models import Course
    from sessions.models import NoteStatus, Session

    active = Q(supervisees__courses__status="active")
    supervisor = (
        User.objects.filter(role=User.Role.SUPERVISOR)
        .annotate(n=Count("supervisees__courses", filter=active))
        .order_by("-n", "pk")
        .first()
    )
    therapist = (
        User.objects.filter(supervisor=supervisor)
        .annotate(n=Count("courses", filter=Q(courses__status__in=["planned", "active"])))
        .order_by("-n", "pk")
        .first()
    )
    draft = (
        Session.objects.filter(
            course__therapist=therapist,
            course__status="active",
            status=NoteStatus.DRAFT,
            attendance="attended",
            number__gte=6,
        )
        .order_by("-number", "pk")
        .first()
    )
    course = draft.course if draft else Course.objects.filter(therapist=therapist).first()
    admin = User.objects.filter(role=User.Role.SERVICE_ADMIN).order_by("pk").first()
    return {
        "supervisor": supervisor,
        "therapist": therapist,
        "course": course,
        "draft": draft,
        "admin": admin,
    }


def signed_in(user) -> Client:
    from tests.second_factor import verified_force_login

    client = Client()
    verified_force_login(client, user)
    return client


def autosave_data(session_id: int) -> dict:
    """What the note page posts as the therapist types: the version it holds, the fields, and
    the people it shows ticked (``people_was``: unchanged ticks are not rewritten)."""
    from sessions.models import Session

    session = Session.objects.get(pk=session_id)
    people = [str(pk) for pk in session.people_involved.values_list("pk", flat=True)]
    return {
        "version": session.version,
        "people_involved": people,
        "people_was": ",".join(sorted(people)),
        "mood_rating": "4",
        "mood_account": f"Low after a row at the weekend ({time.time():.0f}).",
        "task_review": "partly",
        "risk_asked": "yes",
        "risk_level": "none",
        "next_task": "Ask her sister directly for help with the school run.",
        "note": "Engaged well. Linked the low mood to the argument.",
    }


class PageFailed(Exception):
    pass


def measure(client: Client, method: str, url: str, runs: int, data=None) -> tuple[int, list]:
    def once() -> tuple[float, int]:
        payload = data() if callable(data) else data
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            if method == "post":
                response = client.post(url, payload, headers={"HX-Request": "true"})
            else:
                response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
            elapsed = time.perf_counter() - started
        if response.status_code != 200:
            raise PageFailed(response.status_code)
        return elapsed, len(queries)

    for _ in range(3):
        once()
    results = [once() for _ in range(runs)]
    return results[-1][1], [elapsed for elapsed, _ in results]


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def pages(who: dict) -> list[tuple[str, str, str, str, object]]:
    """(name, person, method, url, POST data) of every page measured, in print order."""
    course, draft = who["course"], who["draft"]
    today = timezone.localdate()
    since = today - datetime.timedelta(days=365 * 5)
    service = f"/supervision/service/?from={since:%Y-%m-%d}&to={today:%Y-%m-%d}"
    rows = [
        ("floor", "therapist", "get", FLOOR_URL, None),
        ("caseload", "therapist", "get", "/caseload/", None),
        ("client", "therapist", "get", f"/clients/{course.client_id}/", None),
        ("course", "therapist", "get", f"/courses/{course.pk}/", None),
    ]
    if draft:
        rows += [
            ("session page", "therapist", "get", f"/sessions/{draft.pk}/edit/", None),
            (
                "autosave",
                "therapist",
                "post",
                f"/sessions/{draft.pk}/autosave/",
                lambda: autosave_data(draft.pk),
            ),
        ]
    rows += [
        ("inventory", "therapist", "get", f"/courses/{course.pk}/inventory/", None),
        ("formulation", "therapist", "get", f"/courses/{course.pk}/formulation/", None),
        ("supervisor dashboard", "supervisor", "get", "/supervision/", None),
        (
            "dashboard page 2, by score",
            "supervisor",
            "get",
            "/supervision/?sort=-phq9_last&page=2",
            None,
        ),
        ("dashboard CSV", "supervisor", "get", "/supervision/export.csv", None),
        ("co-signature list, page 2", "supervisor", "get", "/supervision/?notes=2", None),
        ("service figures (all)", "admin", "get", service, None),
    ]
    return rows


def pdf_course(who: dict):
    """The benchmark course if it has a formulation, else the therapist's latest one."""
    from inventory.models import Formulation

    if who["course"].formulations.exists():
        return who["course"]
    latest = Formulation.objects.filter(course__therapist=who["therapist"]).order_by("-pk")
    return latest.first().course if latest.exists() else None


def fresh_pdf_worker() -> None:
    """Start the pool as an app server does (``pdf_workers.start``) and wait for its warm worker."""
    from cases import pdf_workers

    pdf_workers.stop_all()
    pdf_workers.start()
    if not pdf_workers.wait_until_ready(timeout=120):
        raise PageFailed("no PDF worker")
    time.sleep(0.5)  # let the new worker reach its first read before the clock starts


def measure_first_pdf(client: Client, url: str, starts: int) -> tuple[int, list]:
    """Time the first render of a new worker, ``starts`` times (each with a new worker)."""
    timings, queries = [], 0
    for _ in range(starts):
        fresh_pdf_worker()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - started
        if response.status_code != 200 or response["Content-Type"] != "application/pdf":
            raise PageFailed(response.status_code)
        timings.append(elapsed)
        queries = len(captured)
    return queries, timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--only", help="measure only pages whose name contains this")
    parser.add_argument(
        "--pdf-starts", type=int, default=5, help="fresh PDF workers timed for the first PDF"
    )
    options = parser.parse_args()
    ensure_data()
    who = subjects()
    clients = {name: signed_in(who[name]) for name in ("therapist", "supervisor", "admin")}
    from cases.models import Course
    from measures.models import QuestionnaireResponse
    from sessions.models import Session

    print(
        f"benchmark database={connection.vendor} courses={Course.objects.count()} "
        f"attended_sessions={Session.objects.filter(attendance='attended').count()} "
        f"responses={QuestionnaireResponse.objects.count()} runs={options.runs} "
        f"load={os.getloadavg()[0]:.2f}/{os.cpu_count()}cpu"
    )
    print(f"{'page':<28} {'queries':>7} {'median_ms':>10} {'p95_ms':>8} {'x_floor':>8}")
    floor_median = None

    def report(name: str, measured, *args) -> None:
        nonlocal floor_median
        try:
            queries, timings = measured(*args)
        except PageFailed as failed:
            print(f"{name:<28} failed: status {failed.args[0]}", flush=True)
            return
        median = statistics.median(timings) * 1000
        floor_median = floor_median or median
        print(
            f"{name:<28} {queries:>7} {median:>10.1f} {p95(timings) * 1000:>8.1f} "
            f"{median / floor_median:>8.1f}",
            flush=True,
        )

    def wanted(name: str) -> bool:
        return not options.only or name == "floor" or options.only in name

    with override_settings(ROOT_URLCONF=__name__):
        for name, person, method, url, data in pages(who):
            if wanted(name):
                report(name, measure, clients[person], method, url, options.runs, data)
        course = pdf_course(who)
        if course is None:
            return
        pdf_url = f"/courses/{course.pk}/formulation.pdf"
        therapist = clients["therapist"]
        try:
            if wanted("first PDF, fresh worker"):
                report(
                    "first PDF, fresh worker",
                    measure_first_pdf,
                    therapist,
                    pdf_url,
                    options.pdf_starts,
                )
            if wanted("formulation PDF"):
                report("formulation PDF", measure, therapist, "get", pdf_url, options.runs)
        finally:
            from cases import pdf_workers

            pdf_workers.stop_all()


if __name__ == "__main__":
    main()
