"""Pages over many courses cost the same queries for N and 2N courses (issue 18)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.models.courses import CourseStatus
from sessions.models import NoteStatus
from tests import factories
from tests.measures.factories import make_flag, make_response

pytestmark = pytest.mark.django_db


def today():
    """Read when a test runs, not at import: a run that crosses midnight stays right."""
    return timezone.localdate()


def add_courses(therapist, n: int, *, status=CourseStatus.ACTIVE, offset: int = 0) -> None:
    """``n`` courses with sessions, PHQ-9/GAD-7 pairs, formulations and some open risk."""
    for i in range(offset, offset + n):
        attended = 2 + i % 6
        course = factories.make_course(
            therapist=therapist,
            status=status,
            start_date=today() - datetime.timedelta(weeks=attended + 1),
            ended_on=today() - datetime.timedelta(days=1)
            if status != CourseStatus.ACTIVE
            else None,
        )
        for number in range(attended):
            session = factories.make_session(course, status=NoteStatus.SIGNED, next_task="Call")
            day = session.held_at.date()
            make_response(course, "phq9", max(18 - 3 * number, 0), session=session, on=day)
            make_response(course, "gad7", max(12 - 2 * number, 0), session=session, on=day)
        factories.make_formulation(course)
        if i % 3 == 0:
            make_flag(course)


def queries(client, url: str, params=None) -> int:
    client.get(url, params or {})  # warm the session
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "params", [{}, {"sort": "-phq9_last"}, {"phase": "middle"}, {"flag": "risk", "page": "2"}]
)
def test_it_costs_the_dashboard_the_same_queries_for_n_and_2n_courses(
    client, supervisor, therapist, params
):
    client.force_login(supervisor)
    add_courses(therapist, 4)
    few = queries(client, reverse("supervision:dashboard"), params)
    add_courses(therapist, 4, offset=4)
    assert queries(client, reverse("supervision:dashboard"), params) == few


def test_it_costs_the_csv_the_same_queries_for_n_and_2n_courses(client, supervisor, therapist):
    client.force_login(supervisor)
    add_courses(therapist, 4)
    few = queries(client, reverse("supervision:dashboard_csv"))
    add_courses(therapist, 4, offset=4)
    assert queries(client, reverse("supervision:dashboard_csv")) == few


def test_it_costs_the_service_figures_the_same_queries_for_n_and_2n_courses(
    client, service_admin, therapist
):
    client.force_login(service_admin)
    url = reverse("supervision:service")
    period = {
        "from": f"{today() - datetime.timedelta(days=365):%Y-%m-%d}",
        "to": f"{today():%Y-%m-%d}",
    }
    add_courses(therapist, 3, status=CourseStatus.COMPLETED)
    add_courses(therapist, 2)
    few = queries(client, url, period)
    add_courses(therapist, 3, status=CourseStatus.COMPLETED, offset=3)
    add_courses(therapist, 2, offset=2)
    add_courses(factories.make_therapist(), 2, status=CourseStatus.COMPLETED)
    assert queries(client, url, period) == few


def test_it_costs_the_caseload_the_same_queries_for_n_and_2n_courses(client, therapist):
    client.force_login(therapist)
    add_courses(therapist, 4)
    few = queries(client, reverse("cases:caseload"))
    add_courses(therapist, 4, offset=4)
    assert queries(client, reverse("cases:caseload")) == few


def test_the_notes_awaiting_co_signature_come_a_page_at_a_time(client, supervisor):
    trainee = factories.make_therapist(supervisor=supervisor, is_trainee=True)
    course = factories.make_course(therapist=trainee)
    notes = [
        factories.make_session(
            course, status=NoteStatus.SIGNED, signed_at=timezone.now() + datetime.timedelta(s)
        )
        for s in range(12)
    ]
    client.force_login(supervisor)
    first = client.get(reverse("supervision:dashboard"))
    assert first.context["awaiting"] == notes[:10]
    assert "?notes=2" in first.content.decode()
    second = client.get(reverse("supervision:dashboard"), {"notes": "2"})
    assert second.context["awaiting"] == notes[10:]
    assert "?notes=1" in second.content.decode() and "?notes=3" not in second.content.decode()
    assert (
        client.get(reverse("supervision:dashboard"), {"notes": "x"}).context["awaiting"]
        == (notes[:10])
    )


@pytest.mark.parametrize("planned", [1, 2, 3, 5, 8, 12, 13, 16, 20, 40])
def test_the_phase_filter_in_the_database_agrees_with_the_phase_rule(supervisor, planned):
    from cases.models import Course
    from supervision.dashboard import current_phase

    therapist = factories.make_therapist(supervisor=supervisor)
    for attended in range(0, planned + 2):
        course = factories.make_course(
            therapist=therapist, planned_sessions=planned, length_reason="Short course."
        )
        for _ in range(attended):
            factories.make_session(course)
    courses = Course.objects.filter(therapist=therapist).with_progress()
    for course in courses.annotate(phase_now=current_phase()):
        assert course.phase_now == course.phase, (planned, course.attended)
