import pytest
from django.urls import reverse

from audit.models import AuditEvent
from tests.client_area.links import client_phone, link_for, start_url

pytestmark = pytest.mark.django_db


def test_it_opens_home_on_a_verified_device(course):
    phone, link, _ = client_phone(course)
    response = phone.get(reverse("client_area:home"))
    assert response.status_code == 200
    assert course.client.given_name in response.content.decode()
    link.refresh_from_db()
    assert link.last_visit_at is not None


def test_it_asks_the_date_of_birth_on_a_new_device(course, client):
    _, token = link_for(course)
    response = client.get(start_url(token))
    assert response.status_code == 200
    assert "Date of birth" in response.content.decode()
    assert course.client.given_name not in response.content.decode()


def test_it_answers_the_neutral_page_without_a_device(course, client):
    link_for(course)
    response = client.get(reverse("client_area:home"))
    assert response.status_code == 404
    assert "This link is not working" in response.content.decode()
    assert AuditEvent.objects.filter(action="client_link.refused").exists()
