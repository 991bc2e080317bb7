"""Every read of a client's pages is audited, and every refused one too (walks every URL)."""

import pytest
from django.test import Client

from audit import reads
from audit.models import AuditEvent
from tests.factories import make_client
from tests.security.urlwalk import all_routes, arguments_for, make_world, url_of

pytestmark = pytest.mark.django_db


def clinical_routes():
    return [r for r in all_routes() if reads.clinical_argument(dict.fromkeys(r.parameters))]


def test_every_url_argument_ending_in_id_is_classified():
    for route in all_routes():
        for parameter in route.parameters:
            if parameter in reads.COMPANIONS:
                assert reads.COMPANIONS[parameter] in route.parameters, (route.name, parameter)
            elif parameter.endswith("_id"):
                assert parameter in reads.CLINICAL_ARGUMENTS or parameter in reads.NOT_CLINICAL, (
                    f"{route.name} takes {parameter}: say in audit/reads.py how it leads to a "
                    "client (CLINICAL_ARGUMENTS) or that it is not clinical (NOT_CLINICAL)."
                )


def test_every_clinical_page_a_user_opens_is_recorded_once(client, therapist):
    world = make_world(therapist)
    client.force_login(therapist)
    routes = clinical_routes()
    assert routes, "no clinical URLs found: the walk is broken"
    opened = 0
    for route in routes:
        url = url_of(route, world)
        before = AuditEvent.objects.count()
        response = client.get(url)
        if response.status_code != 200:
            continue  # POST-only or redirecting views are covered by their own audit tests
        opened += 1
        rows = AuditEvent.objects.order_by("id")[before:]
        # The client the URL names: the world's own, or (a group member's record) a member.
        name, value = reads.clinical_argument(arguments_for(route, world))
        named = reads.client_id_for(name, value)
        naming_client = [e for e in rows if e.client_id == named]
        assert len(naming_client) == 1, (url, [e.action for e in rows])
        assert naming_client[0].actor == therapist
    assert opened >= 2


def test_every_audited_read_names_the_record_it_read(client, therapist, supervisor):
    """Not only a path: the row says which record (issue 14, F5)."""
    world = make_world(therapist)
    for user in (therapist, supervisor):
        client.force_login(user)
        for route in clinical_routes():
            client.get(url_of(route, world))
    reads = AuditEvent.objects.filter(action__in=("view", "pdf.export"))
    assert reads.count() >= 20
    nameless = [e.detail.get("path") for e in reads if not (e.object_type and e.object_id)]
    assert nameless == []


def test_every_refused_clinical_page_is_recorded_as_denied(therapist, other_therapist):
    world = make_world(therapist)
    intruder = Client()
    intruder.force_login(other_therapist)
    for route in clinical_routes():
        url = url_of(route, world)
        response = intruder.get(url)
        if response.status_code == 405:
            response = intruder.post(url)
        assert response.status_code == 404, (url, response.status_code)
        denied = (
            AuditEvent.objects.filter(actor=other_therapist, action="access.denied")
            .order_by("id")
            .last()
        )
        assert denied is not None and denied.detail["path"] == url, url
        assert denied.detail["exists"] is True
        name, value = reads.clinical_argument(arguments_for(route, world))
        assert denied.client_id == reads.client_id_for(name, value)


def test_a_made_up_id_is_recorded_as_not_existing(client, therapist):
    client.force_login(therapist)
    assert client.get("/clients/999999/").status_code == 404
    denied = AuditEvent.objects.get(action="access.denied")
    assert denied.detail["exists"] is False and denied.client is None
    assert (denied.object_type, denied.object_id) == ("cases.client", "999999")


def test_a_view_that_records_its_own_read_is_not_recorded_twice(client, service_admin):
    someone = make_client()
    client.force_login(service_admin)
    client.get(f"/audit/clients/{someone.pk}/")
    assert AuditEvent.objects.filter(client=someone).count() == 1
    assert AuditEvent.objects.get(client=someone).action == "audit.access_report"


def test_it_records_the_address_and_request_id(client, therapist):
    world = make_world(therapist)
    client.force_login(therapist)
    response = client.get(f"/clients/{world.client.pk}/", REMOTE_ADDR="192.0.2.7")
    event = AuditEvent.objects.get(client=world.client, action="view")
    assert event.ip == "192.0.2.7"
    assert event.request_id == response["X-Request-ID"]
