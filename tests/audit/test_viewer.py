import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from audit.trail import record
from tests.factories import make_client, make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(service_admin):
    c = Client()
    c.force_login(service_admin)
    return c


@pytest.mark.parametrize("who", ["therapist", "supervisor", "other_therapist"])
def test_only_service_administrators_see_the_audit(request, who):
    c = Client()
    c.force_login(request.getfixturevalue(who))
    someone = make_client()
    assert c.get(reverse("audit:event_list")).status_code == 404
    assert c.get(reverse("audit:client_access", args=[someone.pk])).status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client):
    assert client.get(reverse("audit:event_list"))["Location"].startswith(reverse("login"))


def test_it_filters_by_user_action_client_and_dates(admin_client, therapist, other_therapist):
    # Audit rows cannot be back-dated (the database refuses it), so the date filters are
    # checked against today's rows from both sides.
    course = make_course(therapist=therapist)
    record(therapist, "view", course, client=course.client)
    record(therapist, "course.update", course, client=course.client)
    record(other_therapist, "view")
    record(therapist, "view", course, client=course.client)

    def count(**query):
        response = admin_client.get(reverse("audit:event_list"), query)
        assert response.status_code == 200
        return response.context["page"].paginator.count

    assert count(user=therapist.pk, action="view") == 2
    assert count(client=course.client.record_number) == 3
    assert count(action="course.update") == 1
    today = timezone.localdate()
    yesterday = (today - datetime.timedelta(days=1)).isoformat()
    tomorrow = (today + datetime.timedelta(days=1)).isoformat()
    client = course.client.record_number
    assert count(client=client, date_from=today.isoformat()) == 3
    assert count(client=client, date_from=tomorrow) == 0
    assert count(client=client, date_to=today.isoformat()) == 3
    assert count(client=client, date_to=yesterday) == 0


def test_a_backwards_date_range_is_explained(admin_client):
    response = admin_client.get(
        reverse("audit:event_list"), {"date_from": "2026-02-01", "date_to": "2026-01-01"}
    )
    assert response.status_code == 200
    assert "end date is before the start date" in response.content.decode()


def test_the_htmx_request_gets_the_results_only(admin_client):
    response = admin_client.get(reverse("audit:event_list"), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert 'id="audit-results"' in html and "<h1>" not in html


def test_the_list_costs_the_same_queries_for_one_or_fifty_rows(
    admin_client, therapist, django_assert_max_num_queries
):
    course = make_course(therapist=therapist)
    record(therapist, "view", course, client=course.client)
    url = reverse("audit:event_list")
    admin_client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        admin_client.get(url)
    for _ in range(50):
        record(therapist, "view", course, client=course.client)
    with CaptureQueriesContext(connection) as many:
        admin_client.get(url)
    assert len(many.captured_queries) == len(one.captured_queries)


def test_the_access_report_lists_everyone_who_touched_a_record(
    admin_client, therapist, supervisor, other_therapist
):
    course = make_course(therapist=therapist)
    client_record = course.client
    for c, user in ((Client(), therapist), (Client(), supervisor), (Client(), other_therapist)):
        c.force_login(user)
        c.get(f"/clients/{client_record.pk}/")
    record(therapist, "course.update", course, client=client_record)
    response = admin_client.get(reverse("audit:client_access", args=[client_record.pk]))
    assert response.status_code == 200
    people = {p["actor"]: p for p in response.context["people"]}
    assert people[therapist.pk]["reads"] == 1 and people[therapist.pk]["changes"] == 1
    assert people[supervisor.pk]["reads"] == 1
    assert people[other_therapist.pk]["denied"] == 1 and people[other_therapist.pk]["reads"] == 0
    html = response.content.decode()
    assert therapist.last_name in html and supervisor.last_name in html


def test_the_access_report_of_a_missing_client_is_404(admin_client):
    assert admin_client.get(reverse("audit:client_access", args=[99999])).status_code == 404
