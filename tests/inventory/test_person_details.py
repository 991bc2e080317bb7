"""Inventory in depth (issue 17, point 5): per person the communication pattern, the relationship
status and what the client would like to change; completeness counts people with details; the
map marks ended and estranged relationships; snapshots compare the new fields."""

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from inventory import services
from inventory.charts import relationship_map
from inventory.models import InventoryCompletion, InventorySnapshot, Person
from tests import factories

pytestmark = pytest.mark.django_db

BLANK = {"communication_pattern": "", "wanted_change": "", "support_received": ""}


@pytest.fixture
def signed_in(client, course):
    client.force_login(course.therapist)
    return client


# The rule for "details recorded", one table for the property and the query -----------------

DETAIL_CASES = [
    ({}, True),  # the factory records communication, change and support received
    ({"communication_pattern": ""}, False),
    ({"wanted_change": ""}, False),
    ({"support_received": ""}, False),
    ({"support_received": "", "disappointments": "Missed her birthday"}, True),
    ({"support_received": "", "recent_changes": "Moved away in May"}, True),
    (BLANK | {"expectations_unmet": "Wants calls"}, False),
]


@pytest.mark.parametrize(("fields", "expected"), DETAIL_CASES)
def test_it_counts_details_the_same_way_in_python_and_in_the_database(course, fields, expected):
    person = factories.make_person(course, **fields)
    assert person.has_details is expected
    assert Person.objects.with_details().filter(pk=person.pk).exists() is expected


# Completeness --------------------------------------------------------------------------------


def test_it_shows_how_many_people_have_details(signed_in, course):
    for _ in range(4):
        factories.make_person(course)
    factories.make_person(course, name="Mr Hart", **BLANK)
    factories.make_person(course, name="Leo", **BLANK)
    html = signed_in.get(reverse("inventory:page", args=[course.pk])).content.decode()
    assert "4 of 6 people have details recorded." in html
    assert "Still to record:" in html and "Mr Hart" in html and "Leo" in html
    page = signed_in.get(course.get_absolute_url()).content.decode()
    assert "4 of 6 people have details" in page


def test_it_refuses_to_complete_while_someone_has_no_details(signed_in, course):
    for _ in range(3):
        factories.make_person(course)
    hart = factories.make_person(course, name="Mr Hart", **BLANK)
    url = reverse("inventory:complete", args=[course.pk])
    day = timezone.localdate().isoformat()
    response = signed_in.post(url, {"completed_on": day})
    assert response.status_code == 200
    assert "3 of 4 people have details recorded" in response.content.decode()
    assert not InventoryCompletion.objects.exists()
    Person.objects.filter(pk=hart.pk).update(
        communication_pattern="Emails only", wanted_change="Less after-hours mail", conflict="Hours"
    )
    assert signed_in.post(url, {"completed_on": day}).status_code == 302
    completion = InventoryCompletion.objects.get()
    assert (completion.people_count, completion.people_with_details) == (4, 4)


def test_the_service_refuses_too(course):
    factories.make_person(course, **BLANK)
    with pytest.raises(services.DetailsMissing):
        services.complete_inventory(course, course.therapist)
    assert not InventoryCompletion.objects.exists()


def test_an_earlier_completion_stays_complete(signed_in, course):
    factories.make_person(course, **BLANK)
    factories.complete_inventory(course)
    html = signed_in.get(reverse("inventory:page", args=[course.pk])).content.decode()
    assert "Complete</span>" in html and "0 of 1 person has details recorded." in html


# The relationship status ---------------------------------------------------------------------


def _post_person(client, course, **fields):
    data = {
        "name": "Sara",
        "relationship": "sibling",
        "closeness": "middle",
        "support_level": "none",
        "conflict_level": "some",
        "communication_pattern": "We only text; calls end in shouting",
        "wanted_change": "To be able to talk about Dad without a row",
    } | fields
    return client.post(reverse("inventory:person_add", args=[course.pk]), data)


def test_it_records_an_estranged_relationship_and_what_the_client_wants(signed_in, course):
    assert _post_person(signed_in, course, relationship_status="estranged").status_code == 302
    sara = Person.objects.get(name="Sara")
    assert sara.relationship_status == "estranged" and not sara.is_deceased
    assert sara.wanted_change == "To be able to talk about Dad without a row"
    html = signed_in.get(reverse("inventory:page", args=[course.pk])).content.decode()
    assert "estranged (no contact)</span>" in html
    assert "We only text; calls end in shouting" in html
    assert AuditEvent.objects.filter(action="inventory.person.add").exists()


def test_a_date_of_death_makes_a_current_person_deceased(signed_in, course):
    _post_person(signed_in, course, date_of_death="2025-01-05")
    sara = Person.objects.get(name="Sara")
    assert (sara.relationship_status, sara.is_deceased) == ("deceased", True)


def test_a_date_of_death_contradicting_the_status_is_refused_with_the_input_kept(signed_in, course):
    response = _post_person(
        signed_in, course, relationship_status="ended", date_of_death="2025-01-05"
    )
    assert response.status_code == 200
    assert "choose Deceased" in response.content.decode()
    assert "We only text; calls end in shouting" in response.content.decode()
    assert not Person.objects.exists()


def test_correcting_deceased_back_to_current_clears_both_columns(signed_in, course):
    person = factories.make_person(course, is_deceased=True)
    assert person.relationship_status == "deceased"
    response = signed_in.post(
        reverse("inventory:person_edit", args=[course.pk, person.pk]),
        {
            "name": person.name,
            "relationship": "friend",
            "relationship_status": "current",
            "closeness": "middle",
            "support_level": "some",
            "conflict_level": "none",
            "version": person.version,
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.relationship_status, person.is_deceased) == ("current", False)


def test_the_database_keeps_deceased_and_the_status_in_step(course):
    person = factories.make_person(course)
    with pytest.raises(IntegrityError):
        Person.objects.filter(pk=person.pk).update(is_deceased=True)


# The map -------------------------------------------------------------------------------------


def test_the_map_greys_ended_and_estranged_relationships(course):
    people = [
        factories.make_person(course, name="Dan", conflict_level="high"),
        factories.make_person(course, name="Ex", relationship_status="ended"),
        factories.make_person(course, name="Sara", relationship_status="estranged"),
    ]
    svg = str(relationship_map(people, "Robin"))
    assert 'stroke="#a4161a" stroke-width="4" stroke-dasharray="3 3" data-status="current"' in svg
    assert 'stroke="#7a8494" stroke-width="2" stroke-dasharray="1 5" data-status="ended"' in svg
    assert 'stroke-dasharray="9 5" data-status="estranged"' in svg
    assert svg.count('stroke="#7a8494" stroke-width="2.5"') == 2  # the cut across the line
    assert ">(ended)</text>" in svg and ">(estranged)</text>" in svg
    assert "Ex, friend, middle circle, some support, no conflict, relationship ended" in svg
    assert "Dan, friend, middle circle, some support, serious conflict;" in svg


def test_the_legend_names_ended_and_estranged(signed_in, course):
    html = signed_in.get(reverse("inventory:page", args=[course.pk])).content.decode()
    assert "relationship ended" in html and "estranged, no contact" in html


def test_the_inventory_page_costs_the_same_for_few_or_many_people(signed_in, therapist):
    few = factories.make_course(therapist=therapist)
    many = factories.make_course(therapist=therapist)
    factories.make_person(few)
    for n in range(8):
        factories.make_person(many, relationship_status="ended" if n % 2 else "current")

    def queries(course) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert signed_in.get(reverse("inventory:page", args=[course.pk])).status_code == 200
        return len(captured)

    queries(few)
    assert queries(few) == queries(many)


# Snapshots -----------------------------------------------------------------------------------


def test_snapshots_compare_status_communication_and_the_wished_change(signed_in, course):
    sara = factories.make_person(course, name="Sara", communication_pattern="Rows by text")
    url = reverse("inventory:snapshot", args=[course.pk])
    day = course.start_date.isoformat()
    signed_in.post(url, {"label": "Start", "taken_on": day})
    Person.objects.filter(pk=sara.pk).update(
        relationship_status="estranged", communication_pattern="No contact since June"
    )
    signed_in.post(url, {"label": "End", "taken_on": day})
    start, end = InventorySnapshot.objects.order_by("id")
    assert end.entries.get().relationship_status == "estranged"
    page = reverse("inventory:page", args=[course.pk])
    partial = signed_in.get(
        page, {"before": start.pk, "after": end.pk}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert partial.lstrip().startswith('<div id="comparison">')
    assert "Current → Estranged (no contact) <strong>(changed)</strong>" in partial
    assert "“Rows by text” → “No contact since June”" in partial
    assert "Wish changed" not in partial


def test_an_older_snapshot_without_the_new_fields_shows_no_false_change(signed_in, course):
    factories.make_person(course, name="Sara")
    url = reverse("inventory:snapshot", args=[course.pk])
    day = course.start_date.isoformat()
    signed_in.post(url, {"label": "Start", "taken_on": day})
    signed_in.post(url, {"label": "End", "taken_on": day})
    start, end = InventorySnapshot.objects.order_by("id")
    start.entries.update(relationship_status="", communication_pattern="", wanted_change="")
    html = signed_in.get(
        reverse("inventory:page", args=[course.pk]), {"before": start.pk, "after": end.pk}
    ).content.decode()
    assert "Not recorded in the earlier snapshot" in html
    assert "(changed)" not in html
