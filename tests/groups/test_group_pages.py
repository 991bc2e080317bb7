"""The groups list and a group's page: scoped to facilitators and their supervisors."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEvent
from tests import factories
from tests.groups.group_factories import make_facilitator, make_group

pytestmark = pytest.mark.django_db


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_it_lists_only_the_groups_a_facilitator_leads_or_co_leads(client, therapist, supervisor):
    facilitator = make_facilitator(supervisor=supervisor)
    mine = make_group(lead=therapist, co_facilitator=facilitator, name="Mine")
    make_group(name="Someone else's")
    client.force_login(facilitator)
    html = client.get(reverse("groups:list")).content.decode()
    assert "Mine" in html and "Someone else" not in html
    assert client.get(reverse("groups:detail", args=[mine.pk])).status_code == 200


def test_it_sends_a_facilitator_home_to_their_groups(client, supervisor):
    client.force_login(make_facilitator(supervisor=supervisor))
    assert client.get("/")["Location"] == reverse("groups:list")


def test_it_lists_groups_in_the_same_number_of_queries_however_many(client, therapist):
    make_group(lead=therapist)
    client.force_login(therapist)
    one = _count(client, reverse("groups:list"))
    make_group(lead=therapist, members=10)
    make_group(lead=therapist, members=7)
    assert _count(client, reverse("groups:list")) == one


def test_it_shows_a_group_of_ten_in_the_same_queries_as_a_group_of_five(client, therapist):
    small, large = make_group(lead=therapist, members=5), make_group(lead=therapist, members=10)
    client.force_login(therapist)
    assert _count(client, reverse("groups:detail", args=[small.pk])) == _count(
        client, reverse("groups:detail", args=[large.pk])
    )


def test_it_audits_a_view_of_the_group_for_every_member(client, therapist):
    group = make_group(lead=therapist, members=6)
    client.force_login(therapist)
    before = AuditEvent.objects.filter(action="view").count()
    client.get(reverse("groups:detail", args=[group.pk]))
    assert AuditEvent.objects.filter(action="view").count() - before >= 6


def test_it_refuses_a_group_smaller_than_five_or_larger_than_ten(therapist):
    from groups.services import GroupRefused

    with pytest.raises(GroupRefused):
        make_group(lead=therapist, members=4)


def test_the_database_refuses_an_unsupervised_non_specialist_facilitator():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        factories.make_user("facilitator", is_trainee=False)
