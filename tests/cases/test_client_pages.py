import pytest
from django.urls import reverse

from audit.models import AuditEvent
from cases.models import Client
from tests import factories

pytestmark = pytest.mark.django_db

VALID = {
    "record_number": "NEW-001",
    "given_name": "Maya",
    "family_name": "Lindqvist",
    "date_of_birth": "1990-03-14",
    "phone": "07700 900123",
    "email": "maya@example.org",
}


def test_it_registers_a_client_and_audits_it(client, therapist):
    client.force_login(therapist)
    response = client.post(reverse("cases:client_create"), VALID)
    created = Client.objects.get(record_number="NEW-001")
    assert response.status_code == 302
    assert response["Location"] == created.get_absolute_url()
    assert created.registered_by == therapist
    assert AuditEvent.objects.filter(action="client.create", client=created).exists()


def test_it_keeps_the_input_and_shows_each_error_at_its_field(client, therapist):
    factories.make_client(record_number="TAKEN-1", registered_by=therapist)
    client.force_login(therapist)
    data = {**VALID, "record_number": "TAKEN-1", "date_of_birth": "31/02/1990"}
    response = client.post(reverse("cases:client_create"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert "record_number" in form.errors and "date_of_birth" in form.errors
    html = response.content.decode()
    assert 'value="Lindqvist"' in html and 'value="31/02/1990"' in html
    assert "error-summary" in html
    assert not Client.objects.filter(given_name="Maya").exists()


def test_it_refuses_a_date_of_birth_in_the_future(client, therapist):
    client.force_login(therapist)
    response = client.post(reverse("cases:client_create"), {**VALID, "date_of_birth": "2999-01-01"})
    assert "date_of_birth" in response.context["form"].errors


def test_supervisors_cannot_register_clients(client, supervisor):
    client.force_login(supervisor)
    assert client.post(reverse("cases:client_create"), VALID).status_code == 403
    assert not Client.objects.exists()


def test_the_client_page_lists_every_course_and_records_the_view(client, therapist):
    course = factories.make_course(therapist=therapist, diagnosis="Depression")
    old = factories.make_course(therapist=therapist, client=course.client, status="completed")
    client.force_login(therapist)
    response = client.get(course.client.get_absolute_url())
    assert response.status_code == 200
    assert set(response.context["courses"]) == {course, old}
    assert AuditEvent.objects.filter(action="view", client=course.client).exists()
    assert reverse("cases:client_edit", args=[course.client.pk]) in response.content.decode()


def test_a_supervisor_reads_the_client_page_without_edit_buttons(client, course, supervisor):
    client.force_login(supervisor)
    response = client.get(course.client.get_absolute_url())
    assert response.status_code == 200
    assert reverse("cases:client_edit", args=[course.client.pk]) not in response.content.decode()
    assert "Read only" in response.content.decode()


def test_it_refuses_a_stale_client_edit_and_keeps_the_text(client, therapist):
    record = factories.make_client(registered_by=therapist)
    client.force_login(therapist)
    url = reverse("cases:client_edit", args=[record.pk])
    data = {**VALID, "record_number": record.record_number, "version": record.version}
    assert client.post(url, {**data, "phone": "111"}).status_code == 302
    response = client.post(url, {**data, "phone": "222"})
    assert response.status_code == 200
    assert "Someone else saved" in response.content.decode()
    assert 'value="222"' in response.content.decode()
    record.refresh_from_db()
    assert record.phone == "111"


def test_archive_needs_a_reason_and_search_still_finds_the_client(client, therapist):
    record = factories.make_client(registered_by=therapist, family_name="Okonkwo")
    client.force_login(therapist)
    url = reverse("cases:client_archive", args=[record.pk])
    response = client.post(url, {"reason": ""})
    assert "reason" in response.context["form"].errors
    assert client.post(url, {"reason": "Moved away"}).status_code == 302
    record.refresh_from_db()
    assert record.is_archived
    response = client.get(reverse("cases:client_search"), {"q": "okonk"})
    assert response.context["clients"] == [record]
    assert "Archived" in response.content.decode()


def test_search_finds_only_clients_the_user_may_see(client, therapist, other_therapist):
    mine = factories.make_course(therapist=therapist, client=None)
    factories.make_course(therapist=other_therapist)
    client.force_login(therapist)
    response = client.get(reverse("cases:client_search"), {"q": "Client"})
    assert response.context["clients"] == [mine.client]


def test_a_malformed_client_id_is_a_404(client, therapist):
    client.force_login(therapist)
    assert client.get("/clients/abc/").status_code == 404
    assert client.get("/clients/99999999/").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/clients/99999999999999999999999999/",
        "/courses/99999999999999999999999999/",
        "/courses/1/appointments/99999999999999999999999999/move/",
    ],
)
def test_an_id_too_large_for_the_database_is_a_404(client, therapist, url):
    client.force_login(therapist)
    assert client.get(url).status_code == 404
