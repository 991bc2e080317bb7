"""Every inventory and timeline URL: strangers get 404, supervisors read but never write."""

import pytest
from django.urls import reverse

from inventory.models import Person, TimelineEvent
from tests import factories

pytestmark = pytest.mark.django_db

READS = [
    ("inventory:page", False),
    ("inventory:timeline", False),
]
WRITES = [
    ("inventory:person_add", False),
    ("inventory:person_edit", "person"),
    ("inventory:person_remove", "person"),
    ("inventory:complete", False),
    ("inventory:snapshot", False),
    ("inventory:event_add", False),
    ("inventory:event_edit", "event"),
    ("inventory:event_remove", "event"),
]


@pytest.fixture
def objects(course):
    return {
        "person": factories.make_person(course, name="Dan"),
        "event": factories.make_event(course, description="Row"),
    }


def url_for(name, extra, course, objects):
    args = [course.pk] + ([objects[extra].pk] if extra else [])
    return reverse(name, args=args)


@pytest.mark.parametrize(("name", "extra"), READS + WRITES)
def test_it_hides_the_course_from_another_therapist(
    client, course, objects, other_therapist, name, extra
):
    client.force_login(other_therapist)
    method = client.get if (name, extra) in READS else client.post
    assert method(url_for(name, extra, course, objects), {"name": "x"}).status_code == 404


@pytest.mark.parametrize(("name", "extra"), READS + WRITES)
def test_it_hides_the_course_from_another_supervisor(
    client, course, objects, other_supervisor, name, extra
):
    client.force_login(other_supervisor)
    method = client.get if (name, extra) in READS else client.post
    assert method(url_for(name, extra, course, objects)).status_code == 404


@pytest.mark.parametrize(("name", "extra"), READS)
def test_it_lets_the_supervisor_read_without_edit_controls(
    client, course, objects, supervisor, name, extra
):
    client.force_login(supervisor)
    response = client.get(url_for(name, extra, course, objects))
    assert response.status_code == 200
    assert "Add to the" not in response.content.decode()


@pytest.mark.parametrize(("name", "extra"), WRITES)
def test_it_refuses_writes_from_the_supervisor(client, course, objects, supervisor, name, extra):
    client.force_login(supervisor)
    response = client.post(
        url_for(name, extra, course, objects),
        {
            "name": "Changed",
            "relationship": "friend",
            "closeness": "inner",
            "support_level": "some",
            "conflict_level": "none",
            "kind": "other",
            "occurred_on": "2026-01-01",
            "description": "x",
            "label": "x",
            "taken_on": "2026-01-01",
            "reason": "x",
        },
    )
    assert response.status_code == 404
    assert Person.objects.get(pk=objects["person"].pk).name == "Dan"
    assert Person.objects.count() == 1 and TimelineEvent.objects.current().count() == 1


@pytest.mark.parametrize(("name", "extra"), READS + WRITES)
def test_it_sends_the_signed_out_to_sign_in(client, course, objects, name, extra):
    method = client.get if (name, extra) in READS else client.post
    response = method(url_for(name, extra, course, objects))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_lets_a_service_admin_read(client, course, objects, service_admin):
    client.force_login(service_admin)
    assert client.get(reverse("inventory:page", args=[course.pk])).status_code == 200


def test_it_does_not_edit_someone_elses_person_through_my_course(
    client, course, objects, therapist
):
    mine = factories.make_course(therapist=therapist)
    client.force_login(therapist)
    response = client.post(reverse("inventory:person_remove", args=[mine.pk, objects["person"].pk]))
    assert response.status_code == 404
