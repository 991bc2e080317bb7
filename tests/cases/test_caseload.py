import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models.courses import CourseStatus
from cases.services.courses import sync_schedule
from tests import factories
from tests.database import audit_append_queries

pytestmark = pytest.mark.django_db


def course_at(therapist, attended: int, **fields):
    course = factories.make_course(therapist=therapist, **fields)
    for _ in range(attended):
        factories.make_session(course)
    return course


def test_it_lists_the_current_courses_with_progress(client, therapist, other_therapist):
    course = course_at(therapist, 4, client=factories.make_client(given_name="Rosa"))
    sync_schedule(course)
    factories.make_course(therapist=therapist, status=CourseStatus.COMPLETED)
    factories.make_course(therapist=other_therapist)
    client.force_login(therapist)
    response = client.get(reverse("cases:caseload"))
    assert response.context["courses"] == [course]
    row = response.context["courses"][0]
    assert row.current_session_number == 5 and row.phase == "middle"
    assert row.next_appointment is not None and row.next_appointment >= timezone.now()
    html = response.content.decode()
    assert "Session 5 of 16" in html and "Rosa" in html and course.client.record_number in html


def test_it_searches_by_name_or_record_number(client, therapist):
    rosa = factories.make_course(
        therapist=therapist, client=factories.make_client(given_name="Rosa", record_number="K-77")
    )
    factories.make_course(therapist=therapist, client=factories.make_client(given_name="Ben"))
    client.force_login(therapist)
    assert client.get(reverse("cases:caseload"), {"q": "rosa"}).context["courses"] == [rosa]
    assert client.get(reverse("cases:caseload"), {"q": "k-77"}).context["courses"] == [rosa]


def test_it_filters_by_phase(client, therapist):
    initial = course_at(therapist, 0)
    middle = course_at(therapist, 5)
    ending = course_at(therapist, 13)
    client.force_login(therapist)
    url = reverse("cases:caseload")
    assert client.get(url, {"phase": "initial"}).context["courses"] == [initial]
    assert client.get(url, {"phase": "middle"}).context["courses"] == [middle]
    assert client.get(url, {"phase": "termination"}).context["courses"] == [ending]
    # A malformed filter is ignored, not an error.
    assert len(client.get(url, {"phase": "nonsense"}).context["courses"]) == 3


def test_archived_clients_leave_the_caseload(client, therapist):
    course = factories.make_course(therapist=therapist, status=CourseStatus.PLANNED)
    course.client.archived_at = timezone.now()
    course.client.archive_reason = "Moved"
    course.client.save()
    client.force_login(therapist)
    assert client.get(reverse("cases:caseload")).context["courses"] == []


def test_htmx_gets_only_the_results(client, therapist):
    factories.make_course(therapist=therapist, client=factories.make_client(given_name="Rosa"))
    client.force_login(therapist)
    response = client.get(reverse("cases:caseload"), {"q": "Rosa"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "Rosa" in html and "<table" in html
    assert "<h1>" not in html and "<html" not in html


def test_the_page_keeps_its_filters_for_bookmarks(client, therapist):
    client.force_login(therapist)
    html = client.get(reverse("cases:caseload"), {"q": "Rosa", "phase": "middle"}).content.decode()
    assert 'value="Rosa"' in html
    assert '<option value="middle" selected>' in html
    assert 'hx-push-url="true"' in html


def test_a_supervisor_sees_supervisees_courses_read_only(
    client, course, supervisor, other_therapist
):
    factories.make_course(therapist=other_therapist)
    client.force_login(supervisor)
    response = client.get(reverse("cases:caseload"))
    assert response.context["courses"] == [course]
    assert "Read only" in response.content.decode()


@pytest.mark.parametrize("rows", [1, 50])
def test_it_makes_the_same_queries_for_1_or_50_courses(
    client, therapist, django_assert_num_queries, rows
):
    for n in range(rows):
        course = factories.make_course(
            therapist=therapist, start_date=timezone.localdate() - datetime.timedelta(weeks=n % 5)
        )
        factories.make_session(course)
        sync_schedule(course)
    client.force_login(therapist)
    client.get(reverse("cases:caseload"))  # warm the session
    # session with its user (one query) + the courses query (with open risk, and the closed
    # courses with open risk beside them) + their questionnaires (not on track)
    # + the notes returned to the therapist for revision
    # + one append of a read row per client (the insert and the chain's own reads)
    with django_assert_num_queries(5 + audit_append_queries()):
        response = client.get(reverse("cases:caseload"), {"phase": "initial"})
    assert len(response.context["courses"]) == rows
