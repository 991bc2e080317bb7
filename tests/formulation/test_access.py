"""Every formulation URL: strangers get 404, supervisors read but never write."""

import pytest
from django.urls import reverse

from inventory.models import Formulation
from tests import factories

pytestmark = pytest.mark.django_db

READS = [("formulation:page", False), ("formulation:version", True), ("formulation:pdf", False)]
WRITES = [("formulation:save", False), ("formulation:share", False)]
DATA = {"primary_area": "grief", "plain_words": "Changed", "shared_on": "2026-01-01"}


@pytest.fixture
def formulation(course):
    return factories.make_formulation(course)


def url_for(name, with_number, course):
    return reverse(name, args=[course.pk, 1] if with_number else [course.pk])


@pytest.mark.parametrize(("name", "with_number"), READS + WRITES)
def test_it_hides_the_course_from_another_therapist(
    client, formulation, other_therapist, name, with_number
):
    client.force_login(other_therapist)
    method = client.get if (name, with_number) in READS else client.post
    assert method(url_for(name, with_number, formulation.course), DATA).status_code == 404


@pytest.mark.parametrize(("name", "with_number"), READS + WRITES)
def test_it_hides_the_course_from_another_supervisor(
    client, formulation, other_supervisor, name, with_number
):
    client.force_login(other_supervisor)
    method = client.get if (name, with_number) in READS else client.post
    assert method(url_for(name, with_number, formulation.course), DATA).status_code == 404


@pytest.mark.parametrize(("name", "with_number"), WRITES)
def test_it_refuses_writes_from_the_supervisor(client, formulation, supervisor, name, with_number):
    client.force_login(supervisor)
    assert client.post(url_for(name, with_number, formulation.course), DATA).status_code == 404
    formulation.refresh_from_db()
    assert (formulation.primary_area, formulation.shared_on) == ("role_dispute", None)
    assert Formulation.objects.count() == 1


@pytest.mark.parametrize(("name", "with_number"), [r for r in READS if r[0] != "formulation:pdf"])
def test_it_lets_the_supervisor_read_without_edit_forms(
    client, formulation, supervisor, name, with_number
):
    client.force_login(supervisor)
    response = client.get(url_for(name, with_number, formulation.course))
    assert response.status_code == 200
    assert "Save the formulation" not in response.content.decode()


@pytest.mark.parametrize(("name", "with_number"), READS + WRITES)
def test_it_sends_the_signed_out_to_sign_in(client, formulation, name, with_number):
    method = client.get if (name, with_number) in READS else client.post
    response = method(url_for(name, with_number, formulation.course))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
