"""The service overview page: service administrators only, period from the address."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.models.courses import CourseStatus, EndReason
from supervision.service_forms import a_year_before
from tests import factories
from tests.measures.factories import make_flag, make_response

pytestmark = pytest.mark.django_db

URL = reverse("supervision:service")


def finished_course(therapist, ended_on, **fields):
    course = factories.make_course(
        therapist=therapist,
        ended_on=ended_on,
        status=fields.pop("status", CourseStatus.COMPLETED),
        start_date=ended_on - datetime.timedelta(weeks=2),  # its third session is its last
        **fields,
    )
    for _ in range(3):
        factories.make_session(course)
    make_response(course, "phq9", 16, on=course.start_date)
    make_response(course, "phq9", 4, on=ended_on)
    return course


def test_it_is_for_service_administrators_only(client, therapist, supervisor):
    for person in (therapist, supervisor):
        client.force_login(person)
        assert client.get(URL).status_code == 404
    client.logout()
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_it_shows_the_last_twelve_months_by_default(client, service_admin, therapist):
    today = timezone.localdate()
    finished_course(therapist, today - datetime.timedelta(days=30))
    finished_course(therapist, today - datetime.timedelta(days=400))  # before the period
    client.force_login(service_admin)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'value="{a_year_before(today).isoformat()}"' in html
    assert f'value="{today.isoformat()}"' in html
    figures = response.context["figures"]
    assert figures.period.ended == 1
    assert "1 of 1 (100%)" in html  # recovery, with its denominator
    assert therapist.display_name in html
    assert "Courses running now" in html and "Per therapist" in html


def test_it_uses_the_period_from_the_address(client, service_admin, therapist):
    finished_course(
        therapist,
        datetime.date(2025, 5, 10),
        status=CourseStatus.ENDED_EARLY,
        end_reason=EndReason.REFERRED_ON,
    )
    client.force_login(service_admin)
    response = client.get(URL, {"from": "2025-05-01", "to": "2025-05-31"})
    assert response.status_code == 200
    assert response.context["figures"].start == datetime.date(2025, 5, 1)
    html = response.content.decode()
    assert "Referred on: 1" in html
    assert "1 May 2025 to 31 May 2025" in html


@pytest.mark.parametrize(
    "query, message",
    [
        ({"from": "yesterday"}, "Enter a valid date."),
        ({"from": "2026-05-01", "to": "2026-01-01"}, "on or before its end"),
        ({"to": "0002-01-01"}, "between 1900 and 2100"),
        ({"from": "2099-01-01"}, "choose an end date as well"),
    ],
)
def test_it_explains_a_bad_period_on_the_form(client, service_admin, query, message):
    client.force_login(service_admin)
    response = client.get(URL, query)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and "These dates cannot be used" in html
    assert "Courses running now" in html  # the figures that need no period still show
    for value in query.values():
        assert f'value="{value}"' in html  # what was typed is kept


def test_it_costs_the_same_queries_for_few_or_many_courses(client, service_admin, therapist):
    client.force_login(service_admin)
    day = timezone.localdate() - datetime.timedelta(days=10)
    finished_course(therapist, day)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for _ in range(4):
        finished_course(factories.make_therapist(), day)
        factories.make_course()
    with CaptureQueriesContext(connection) as many:
        client.get(URL)
    assert len(many.captured_queries) == len(few.captured_queries)


def _risk_panel(client, user, url_name: str) -> str:
    client.force_login(user)
    html = client.get(reverse(url_name)).content.decode()
    start = html.index('data-testid="open-risk-closed"')
    return html[start : html.index("</section>", start)]


def test_it_dates_a_closed_course_with_an_open_flag_by_its_last_session(
    client, therapist, supervisor, service_admin
):
    """The page reads the course's clinical dates from the stored tally, not its sessions:
    the same panel, to the byte, as the supervisor's dashboard shows from the sessions."""
    course = factories.make_course(
        therapist=therapist,
        status=CourseStatus.ENDED_EARLY,
        end_reason=EndReason.DROPPED_OUT,
        start_date=datetime.date(2026, 3, 2),
        ended_on=datetime.date(2026, 4, 20),  # closed in the app weeks after the last session
    )
    for _ in range(2):
        factories.make_session(course)  # 2 and 9 March
    make_flag(course, reason="PHQ-9 item 9 answered positively.")
    panel = _risk_panel(client, service_admin, "supervision:service")
    assert "Ended early 9 Mar 2026 (dropped out)" in panel
    assert "20 Apr 2026" not in panel
    assert panel == _risk_panel(client, supervisor, "supervision:dashboard")
