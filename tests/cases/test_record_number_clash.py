"""A record number already in use is refused without saying whose it is (issue 14, F7).

Record numbers stay unique across the service (one person, one record), so a clash must be
refused; the answer is the same whether the number is on the therapist's own caseload or on a
colleague's, names no one, and sends them to the service administrator, who can see the trail.
"""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from cases.models import Client
from tests import factories
from tests.cases.test_client_pages import VALID

pytestmark = pytest.mark.django_db

NEUTRAL = "This record number cannot be used"


def register(client, number: str):
    return client.post(reverse("cases:client_create"), {**VALID, "record_number": number})


def test_the_answer_is_the_same_for_a_colleagues_number_and_ones_own(
    client, therapist, other_therapist
):
    factories.make_client(record_number="MINE-1", registered_by=therapist, family_name="Ownsby")
    factories.make_client(
        record_number="THEIRS-1", registered_by=other_therapist, family_name="Elsewhere"
    )
    client.force_login(therapist)
    own, theirs = register(client, "MINE-1"), register(client, "THEIRS-1")
    assert own.status_code == theirs.status_code == 200
    own_errors = own.context["form"].errors["record_number"]
    theirs_errors = theirs.context["form"].errors["record_number"]
    assert own_errors == theirs_errors
    text = theirs.content.decode()
    assert NEUTRAL in text and "service administrator" in text
    assert "already exists" not in text and "Elsewhere" not in text
    assert 'value="THEIRS-1"' in text and 'value="Lindqvist"' in text
    assert Client.objects.filter(record_number="THEIRS-1").count() == 1


def test_a_clash_on_edit_gets_the_same_answer(client, therapist, other_therapist):
    factories.make_client(record_number="THEIRS-2", registered_by=other_therapist)
    mine = factories.make_client(registered_by=therapist)
    client.force_login(therapist)
    data = {**VALID, "record_number": "THEIRS-2", "version": mine.version}
    response = client.post(reverse("cases:client_edit", args=[mine.pk]), data)
    assert NEUTRAL in response.content.decode()
    assert "already exists" not in response.content.decode()


def test_a_refused_number_is_on_the_audit_trail_for_the_administrator(
    client, therapist, other_therapist
):
    factories.make_client(record_number="THEIRS-3", registered_by=other_therapist)
    client.force_login(therapist)
    register(client, "THEIRS-3")
    event = AuditEvent.objects.get(action="client.record_number_refused")
    assert event.actor == therapist
    assert event.detail == {"record_number": "THEIRS-3"}
