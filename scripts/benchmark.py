"""Benchmark the formulation PDF and the supervisor's dashboard.

    .venv/bin/python scripts/benchmark.py [runs]

Builds, in a throw-away test database, a typical course (10 people, 8 events, a full worksheet)
and renders its PDF once to warm up (WeasyPrint's import and font loading), then ``runs`` times;
then a supervisor with 50 active courses across three therapists (10 sessions and 5 PHQ-9/GAD-7
pairs each) and fetches the dashboard ``runs`` times. Prints the median and the slowest of
each. Targets: PDF median under 0.5 s, dashboard median under 0.3 s. Then the session page:
its GET and one autosave of a middle-phase draft.
"""

import datetime
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ.setdefault("DATABASE_URL", "sqlite:///var/benchmark.sqlite3")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

PEOPLE = [
    ("Dan", "partner", "inner", "some", "high"),
    ("Mum", "parent", "inner", "strong", "none"),
    ("Dad", "parent", "middle", "some", "some"),
    ("Priya", "friend", "middle", "strong", "none"),
    ("Leo", "sibling", "middle", "some", "some"),
    ("Mr Hart", "manager", "outer", "none", "some"),
    ("Jo", "colleague", "outer", "some", "none"),
    ("Sam", "friend", "outer", "some", "none"),
    ("Aunt Rose", "other", "middle", "strong", "none"),
    ("Ella", "child", "inner", "strong", "none"),
]
EVENTS = [
    ("role_change", 300, "Dan starts a new job with long hours"),
    ("conflict", 250, "First big row about chores"),
    ("mood_onset", 240, "Sleep worsens, stops enjoying things"),
    ("isolation", 200, "Stops going to the book group"),
    ("conflict", 160, "Row at Ella's birthday"),
    ("mood_worsening", 150, "Off work for two weeks"),
    ("loss", 120, "Aunt Rose's dog dies; Rose withdraws"),
    ("mood_improvement", 30, "Starts walking with Priya again"),
]


def build():
    from tests import factories

    therapist = factories.make_therapist(first_name="Tom", last_name="Reyes")
    client = factories.make_client(registered_by=therapist, given_name="Robin", family_name="Hale")
    course = factories.make_course(
        therapist=therapist, client=client, diagnosis="Depressive episode"
    )
    people = {}
    for name, rel, closeness, support, conflict in PEOPLE:
        people[name] = factories.make_person(
            course,
            name=name,
            relationship=rel,
            closeness=closeness,
            support_level=support,
            conflict_level=conflict,
            contact_frequency="Weekly",
            expectations_unmet="More time together and less criticism about work.",
            recent_changes="Sees each other less since the spring.",
        )
    today = datetime.date.today()
    events = []
    for kind, days_ago, text in EVENTS:
        who = [people["Dan"]] if "Dan" in text or kind == "conflict" else []
        events.append(
            factories.make_event(
                course,
                kind=kind,
                occurred_on=today - datetime.timedelta(days=days_ago),
                description=text,
                people=who,
            )
        )
    factories.complete_inventory(course)
    long = "The client and Dan have different pictures of the week. " * 4
    return factories.make_formulation(
        course,
        onset_event=events[1],
        worksheet={
            "role_dispute": {
                "other_person": "Dan, partner of nine years",
                "stage": "impasse",
                "client_expectations": long,
                "other_expectations": long,
                "wants": long,
                "options": long,
                "decision": "Try to renegotiate first; review at session 8.",
            }
        },
        plain_words=long * 2,
        goal_3="See Priya every fortnight",
        shared_on=today,
        client_agreed=True,
        client_words="When Dan and I stop talking I go under. I want us to sort out the weekends.",
    )


def build_caseload(courses: int = 50):
    """A supervisor whose three therapists hold ``courses`` active courses between them."""
    from tests import factories
    from tests.measures.factories import make_response

    supervisor = factories.make_supervisor()
    therapists = [factories.make_therapist(supervisor=supervisor) for _ in range(3)]
    today = datetime.date.today()
    for n in range(courses):
        course = factories.make_course(
            therapist=therapists[n % 3],
            status="active",
            start_date=today - datetime.timedelta(weeks=10),
        )
        sessions = [factories.make_session(course, next_task="Call a friend") for _ in range(10)]
        for i, session in enumerate(sessions[::2]):
            day = session.held_at.date()
            make_response(course, "phq9", max(18 - 2 * i - n % 5, 0), session=session, on=day)
            make_response(course, "gad7", max(12 - i, 0), session=session, on=day)
    return supervisor


def time_dashboard(supervisor, runs: int) -> list[float]:
    from django.test import Client

    from tests.second_factor import verified_force_login

    client = Client()
    verified_force_login(client, supervisor)  # both sign-in steps done
    client.get("/supervision/")  # warm up
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get("/supervision/")
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    return timings


# --- Session page (issue 16): the page GET and one autosave. ------------------------------


def time_session_page(runs: int) -> dict[str, list[float]]:
    """A middle-phase draft (session 6 of 16, formulation, 6 people): GET and autosave."""
    from django.test import Client
    from django.urls import reverse

    from tests import factories
    from tests.second_factor import verified_force_login

    therapist = factories.make_therapist()
    course = factories.make_course(therapist=therapist, status="active")
    factories.make_formulation(course)
    for name in ("Dan", "Mum", "Priya", "Leo", "Jo", "Sam"):
        factories.make_person(course, name=name)
    for _ in range(5):
        factories.make_session(course, next_task="Call a friend", note="x")
    draft = factories.make_session(course)
    client = Client()
    verified_force_login(client, therapist)
    page_url = reverse("sessions:edit", args=[draft.pk])
    autosave_url = reverse("sessions:autosave", args=[draft.pk])
    client.get(page_url)  # warm up
    timings: dict[str, list[float]] = {"page": [], "autosave": []}
    for n in range(runs):
        started = time.perf_counter()
        assert client.get(page_url).status_code == 200
        timings["page"].append(time.perf_counter() - started)
        draft.refresh_from_db()
        data = {"version": draft.version, "people_was": "", "note": f"Typed {n}", "risk_asked": ""}
        started = time.perf_counter()
        response = client.post(autosave_url, data, HTTP_HX_REQUEST="true")
        timings["autosave"].append(time.perf_counter() - started)
        assert b"Draft saved at" in response.content, response.content[:200]
    return timings


def print_session_page(timings: dict[str, list[float]], runs: int) -> None:
    print(f"session page (middle phase, PHQ-9/GAD-7 grids), {runs} runs")
    for name in ("page", "autosave"):
        median, slowest = statistics.median(timings[name]), max(timings[name])
        print(f"  {name}: median {median:.3f} s, slowest {slowest:.3f} s")


# --- end of the session page block ---------------------------------------------------------


def main(runs: int) -> None:
    from cases.pdf import render_pdf
    from cases.views.formulation import formulation_pdf_context, formulation_pdf_resources

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        formulation = build()
        course = formulation.course

        def once() -> tuple[float, float]:
            started, cpu = time.perf_counter(), time.process_time()
            context = formulation_pdf_context(course, formulation)
            render_pdf(
                "pdf/formulation.html", context, resources=formulation_pdf_resources(context)
            )
            return time.perf_counter() - started, time.process_time() - cpu

        warm, _ = once()
        results = [once() for _ in range(runs)]
        timings = [wall for wall, _ in results]
        cpu_times = [cpu for _, cpu in results]
        dashboard = time_dashboard(build_caseload(), runs)
        session_page = time_session_page(runs)  # session page block
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(f"formulation PDF (10 people, 8 events, full worksheet), {runs} runs")
    print(f"  first render (imports WeasyPrint): {warm:.3f} s")
    print(f"  median {statistics.median(timings):.3f} s, slowest {max(timings):.3f} s (wall clock)")
    print(f"  median CPU time {statistics.median(cpu_times):.3f} s (what an idle core would take)")
    print(f"supervisor dashboard (50 active courses, flags and sparklines), {runs} runs")
    print(f"  median {statistics.median(dashboard):.3f} s, slowest {max(dashboard):.3f} s")
    print_session_page(session_page, runs)  # session page block
    print(f"  load average while measuring: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
