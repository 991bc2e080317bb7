import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from inventory.models import InventoryCompletion, Person
from inventory.progress import inventory_taken
from tests import factories

pytestmark = pytest.mark.django_db


def person_data(**overrides):
    data = {
        "name": "Dan",
        "relationship": "partner",
        "closeness": "inner",
        "support_level": "some",
        "conflict_level": "high",
        "contact_frequency": "Daily",
        "expectations_unmet": "Wants me home earlier",
    }
    data.update(overrides)
    return data


@pytest.fixture
def signed_in(client, course):
    client.force_login(course.therapist)
    return client


def test_it_adds_a_person_and_audits_it(signed_in, course):
    response = signed_in.post(reverse("inventory:person_add", args=[course.pk]), person_data())
    assert response.status_code == 302
    person = Person.objects.get(course=course)
    assert (person.name, person.conflict_level) == ("Dan", "high")
    assert AuditEvent.objects.filter(
        action="inventory.person.add", object_id=str(person.pk)
    ).exists()


def test_it_returns_the_people_section_with_the_map_to_htmx(signed_in, course):
    response = signed_in.post(
        reverse("inventory:person_add", args=[course.pk]), person_data(), HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="inventory-people"' in html
    assert "<svg" in html and ">Dan</text>" in html
    assert "<html" not in html


def test_it_refuses_a_date_of_death_in_the_future_and_keeps_the_input(signed_in, course):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = signed_in.post(
        reverse("inventory:person_add", args=[course.pk]),
        person_data(name="Grandad", is_deceased="on", date_of_death=tomorrow.isoformat()),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "A date of death cannot be in the future." in html
    assert 'value="Grandad"' in html
    assert not Person.objects.exists()


def test_it_shows_the_add_form_errors_in_place_for_htmx(signed_in, course):
    response = signed_in.post(
        reverse("inventory:person_add", args=[course.pk]),
        person_data(name=""),
        HTTP_HX_REQUEST="true",
    )
    assert response["HX-Retarget"] == "#add-person"
    assert "This field is required." in response.content.decode()


def test_it_marks_a_dated_death_as_deceased(signed_in, course):
    signed_in.post(
        reverse("inventory:person_add", args=[course.pk]),
        person_data(name="Gran", date_of_death="2025-01-05"),
    )
    assert Person.objects.get(name="Gran").is_deceased


def test_it_opens_a_row_for_editing_in_place(signed_in, course):
    person = factories.make_person(course, name="Mum")
    url = reverse("inventory:page", args=[course.pk]) + f"?edit={person.pk}"
    partial = signed_in.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert partial.lstrip().startswith(f'<tr id="person-{person.pk}"')
    assert 'name="version"' in partial
    full = signed_in.get(url).content.decode()
    assert "<html" in full and "Save Mum" in full


def test_it_edits_a_person(signed_in, course):
    person = factories.make_person(course, name="Mum", relationship="parent")
    response = signed_in.post(
        reverse("inventory:person_edit", args=[course.pk, person.pk]),
        person_data(name="Mum", relationship="parent", closeness="outer", version=person.version),
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.closeness, person.version) == ("outer", 2)


def test_it_refuses_a_stale_edit_and_keeps_the_text(signed_in, course):
    person = factories.make_person(course, name="Mum", relationship="parent")
    Person.objects.filter(pk=person.pk).update(version=5)
    response = signed_in.post(
        reverse("inventory:person_edit", args=[course.pk, person.pk]),
        person_data(name="Mum", relationship="parent", disappointments="My own words", version=1),
    )
    html = response.content.decode()
    assert "Someone else changed this record" in html
    assert "My own words" in html
    person.refresh_from_db()
    assert person.disappointments == ""


def test_it_removes_a_person_softly(signed_in, course):
    person = factories.make_person(course, name="Leo")
    response = signed_in.post(reverse("inventory:person_remove", args=[course.pk, person.pk]))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.removed_at is not None
    page = signed_in.get(reverse("inventory:page", args=[course.pk])).content.decode()
    assert "Taken off the inventory" in page and "Leo" in page
    assert AuditEvent.objects.filter(action="inventory.person.remove").count() == 1


def test_it_removes_in_place_for_htmx(signed_in, course):
    person = factories.make_person(course, name="Leo")
    response = signed_in.post(
        reverse("inventory:person_remove", args=[course.pk, person.pk]), HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert 'id="inventory-people"' in html and f'id="person-{person.pk}"' not in html


def test_it_needs_a_reason_to_complete_with_few_people(signed_in, course):
    factories.make_person(course)
    url = reverse("inventory:complete", args=[course.pk])
    today = timezone.localdate().isoformat()
    response = signed_in.post(url, {"reason": "", "completed_on": today})
    assert "Only 1 person is on the inventory" in response.content.decode()
    assert inventory_taken(course) is None
    signed_in.post(
        url, {"reason": "Recently moved; knows almost nobody here.", "completed_on": today}
    )
    evidence = inventory_taken(course)
    assert evidence.on == timezone.localdate()
    assert evidence.url == reverse("inventory:page", args=[course.pk])
    assert InventoryCompletion.objects.get(course=course).reason.startswith("Recently moved")


def test_it_completes_without_a_reason_when_enough_people(signed_in, course):
    for _ in range(3):
        factories.make_person(course)
    signed_in.post(
        reverse("inventory:complete", args=[course.pk]),
        {"reason": "", "completed_on": timezone.localdate().isoformat()},
    )
    assert InventoryCompletion.objects.get(course=course).people_count == 3
    assert AuditEvent.objects.filter(action="inventory.complete").exists()


def test_it_escapes_names_in_the_map(signed_in, course):
    factories.make_person(course, name="<script>alert(1)</script>")
    html = signed_in.get(reverse("inventory:page", args=[course.pk])).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html


def test_it_records_a_view(signed_in, course):
    signed_in.get(reverse("inventory:page", args=[course.pk]))
    assert AuditEvent.objects.filter(action="view", detail__page="inventory").exists()


def test_it_lists_many_people_in_as_many_queries_as_one(
    signed_in, course, django_assert_num_queries
):
    factories.make_person(course)
    url = reverse("inventory:page", args=[course.pk])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        signed_in.get(url)
    for n in range(9):
        factories.make_person(course, closeness=["inner", "middle", "outer"][n % 3])
    with django_assert_num_queries(len(one.captured_queries)):
        response = signed_in.get(url)
    assert response.content.decode().count('<tr id="person-') == 10
