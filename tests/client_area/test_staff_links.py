"""The staff side: issue, revoke, the course page panel, the administrator's undelivered list."""

import pytest
from django.urls import reverse

from client_area.models import ClientLink
from tests.client_area.links import client_phone, link_for

pytestmark = pytest.mark.django_db


def test_it_issues_a_link_with_a_server_made_svg_qr_code(course, client):
    client.force_login(course.therapist)
    posted = client.post(reverse("client_links:issue", args=[course.pk]))
    link = ClientLink.objects.get(course=course)
    assert posted["Location"] == reverse("client_links:issued", args=[course.pk, link.pk])
    response = client.get(posted["Location"])
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and "QR code of the client" in html
    url = html.split('data-testid="client-link-url"')[0].rsplit('value="', 1)[1].split('"')[0]
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert link.token_hash != token and link.token_hash not in html
    assert link.created_by == course.therapist
    # Shown once: the token is gone from the session after that page.
    again = client.get(posted["Location"])
    assert again.status_code == 302 and token not in str(client.session.items())


def test_it_refuses_another_therapist(course, other_therapist, client):
    client.force_login(other_therapist)
    assert client.post(reverse("client_links:issue", args=[course.pk])).status_code == 404
    link, _ = link_for(course)
    response = client.post(reverse("client_links:revoke", args=[course.pk, link.pk]))
    assert response.status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is None


def test_it_lets_the_supervisor_read_but_not_issue(course, supervisor, client):
    client.force_login(supervisor)
    assert client.post(reverse("client_links:issue", args=[course.pk])).status_code == 404
    html = client.get(reverse("cases:course_detail", args=[course.pk])).content.decode()
    assert "Client's own pages" in html and "Issue a client link" not in html


def test_it_revokes_a_link(course, client):
    link, _ = link_for(course)
    client.force_login(course.therapist)
    response = client.post(reverse("client_links:revoke", args=[course.pk, link.pk]))
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None and link.revoked_by == course.therapist


def test_the_course_page_shows_status_last_visit_and_what_was_sent(course, client):
    phone, _, _ = client_phone(course)
    phone.get(reverse("client_area:home"))
    client.force_login(course.therapist)
    html = client.get(reverse("cases:course_detail", args=[course.pk])).content.decode()
    assert "Active" in html and "Not yet" not in html
    assert "Revoke the link" in html


def test_the_panel_costs_the_same_queries_whatever_was_sent(
    course, client, django_assert_max_num_queries
):
    from client_area.templatetags.client_area_panels import client_link_panel

    link_for(course)
    with django_assert_max_num_queries(4):
        client_link_panel({"request": None}, course)["sent"]


def test_only_the_service_administrator_sees_undelivered_notices(
    course, supervisor, service_admin, client
):
    client.force_login(supervisor)
    assert client.get(reverse("client_links:undelivered")).status_code == 404
    assert reverse("client_links:undelivered") not in client.get("/", follow=True).content.decode()
    client.force_login(service_admin)
    assert client.get(reverse("client_links:undelivered")).status_code == 200
    # The administrator reaches it from the navigation, on every page.
    assert reverse("client_links:undelivered") in client.get("/", follow=True).content.decode()


def test_the_supervisors_dashboard_shows_remote_completions_in_a_fixed_number_of_queries(
    course, supervisor, other_therapist, client, django_assert_max_num_queries
):
    from client_area.templatetags.client_area_panels import remote_completions_panel
    from measures.services import record_response
    from tests import factories

    stranger = factories.make_course(therapist=other_therapist)
    for each in (course, course, stranger):
        record_response(
            course=each,
            instrument_code="gad7",
            answers={str(n): "1" for n in range(1, 8)},
            completed_on=each.start_date,
            by=each.therapist,
            by_client=True,
        )
    link_for(course)
    with django_assert_max_num_queries(2):  # both counts, then the rows
        panel = remote_completions_panel(supervisor)
    assert panel["total"] == 2 and panel["links"] == 1
    assert [response.course for response in panel["rows"]] == [course, course]
    client.force_login(supervisor)
    html = client.get(reverse("supervision:dashboard")).content.decode()
    assert "Remote completions" in html and course.client.family_name in html
    assert stranger.client.family_name not in html


def test_the_remote_completions_panel_reads_no_rows_when_none_was_sent(
    course, supervisor, django_assert_num_queries
):
    from client_area.templatetags.client_area_panels import remote_completions_panel

    link_for(course)
    with django_assert_num_queries(1):  # both counts in one query
        panel = remote_completions_panel(supervisor)
    assert panel["total"] == 0 and panel["links"] == 1 and panel["rows"] == []
