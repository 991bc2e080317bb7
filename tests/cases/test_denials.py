"""Denials for the cases URLs without an object id (those with one are in tests/access)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

PAGES = ["cases:caseload", "cases:client_search", "cases:client_create"]


@pytest.mark.parametrize("name", PAGES)
def test_signed_out_people_are_sent_to_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_service_admin_cannot_register_clients(client, service_admin):
    client.force_login(service_admin)
    assert client.get(reverse("cases:client_create")).status_code == 403


def test_another_therapists_course_is_not_on_my_caseload(client, therapist, other_therapist):
    factories.make_course(therapist=other_therapist)
    client.force_login(therapist)
    assert client.get(reverse("cases:caseload")).context["courses"] == []


def test_another_supervisor_sees_none_of_my_caseload(client, course, other_supervisor):
    client.force_login(other_supervisor)
    assert client.get(reverse("cases:caseload")).context["courses"] == []
    response = client.get(reverse("cases:client_search"), {"q": course.client.record_number})
    assert response.context["clients"] == []


def _course_page_queries(client, course) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(course.get_absolute_url()).status_code == 200
    return len(queries)


def test_the_course_page_costs_the_same_for_few_or_many_sessions(client, therapist):
    few = factories.make_course(therapist=therapist)
    factories.make_session(few)
    many = factories.make_course(therapist=therapist)
    for _ in range(12):
        factories.make_session(many, risk_asked=True)
    client.force_login(therapist)
    _course_page_queries(client, few)  # warm the session
    assert _course_page_queries(client, few) == _course_page_queries(client, many)
