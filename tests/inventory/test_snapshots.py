import pytest
from django.urls import reverse

from inventory.models import InventorySnapshot, Person
from tests import factories

pytestmark = pytest.mark.django_db


def test_it_compares_two_snapshots_person_by_person(client, course):
    client.force_login(course.therapist)
    dan = factories.make_person(course, name="Dan", closeness="inner", conflict_level="high")
    factories.make_person(course, name="Mum", closeness="middle", support_level="strong")
    url = reverse("inventory:snapshot", args=[course.pk])
    client.post(url, {"label": "Start", "taken_on": course.start_date.isoformat()})
    Person.objects.filter(pk=dan.pk).update(conflict_level="some")
    factories.make_person(course, name="Priya", closeness="outer")
    client.post(url, {"label": "Mid-course", "taken_on": course.start_date.isoformat()})
    start, mid = InventorySnapshot.objects.order_by("id")
    assert start.entries.count() == 2 and mid.entries.count() == 3

    page = reverse("inventory:page", args=[course.pk])
    query = {"before": start.pk, "after": mid.pk}
    partial = client.get(page, query, HTTP_HX_REQUEST="true").content.decode()
    assert partial.lstrip().startswith('<div id="comparison">')
    assert "Serious conflict → Some conflict" in partial
    assert "Strong support → Strong support" in partial
    assert "Priya" in partial and "new" in partial
    full = client.get(page, query).content.decode()
    assert "<html" in full and "Serious conflict → Some conflict" in full


def test_it_refuses_a_snapshot_in_the_future(client, course):
    client.force_login(course.therapist)
    response = client.post(
        reverse("inventory:snapshot", args=[course.pk]), {"label": "End", "taken_on": "2999-01-01"}
    )
    assert "not a future date" in response.content.decode()
    assert not InventorySnapshot.objects.exists()
