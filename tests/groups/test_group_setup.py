"""Starting a group and adding or letting go of a member from the pages, not only the services."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from cases.models import Course
from cases.models.courses import CourseDelivery, CourseStatus
from groups.models import Membership, TherapyGroup
from tests import factories
from tests.groups.group_factories import make_facilitator, make_group

pytestmark = pytest.mark.django_db

START = reverse("groups:start")


def _clients(lead, n):
    return [factories.make_client(registered_by=lead, given_name=f"Member{i}") for i in range(n)]


def _start_data(clients, **overrides) -> dict:
    data = {
        "name": "Monday morning group",
        "co_facilitator": "",
        "first_session_on": (timezone.localdate() + datetime.timedelta(days=14)).isoformat(),
        "session_time": "10:00",
        "clients": [c.pk for c in clients],
    }
    return data | overrides


def test_it_starts_a_group_with_its_members_courses_and_audits_it(client, therapist, supervisor):
    facilitator = make_facilitator(supervisor=supervisor)
    members = _clients(therapist, 6)
    client.force_login(therapist)
    response = client.post(START, _start_data(members, co_facilitator=facilitator.pk))
    group = TherapyGroup.objects.get(name="Monday morning group")
    assert response.status_code == 302
    assert response["Location"] == group.get_absolute_url()
    assert group.lead_facilitator == therapist and group.co_facilitator == facilitator
    assert group.sessions.count() == 8
    courses = Course.objects.filter(group_membership__group=group)
    assert sorted(c.client_id for c in courses) == sorted(c.pk for c in members)
    assert {c.delivery for c in courses} == {CourseDelivery.GROUP_MEMBER}
    assert AuditEvent.objects.filter(action="group.create", actor=therapist).count() == 1
    assert AuditEvent.objects.filter(action="group.member_add").count() == 6


def test_it_offers_non_specialist_facilitators_as_co_facilitator_but_not_the_lead(
    client, therapist, supervisor
):
    make_facilitator(supervisor=supervisor, first_name="Fran", last_name="Helper")
    client.force_login(therapist)
    html = client.get(START).content.decode()
    assert "Fran Helper (non-specialist facilitator)" in html
    assert f'value="{therapist.pk}"' not in html


def test_it_lists_only_the_leads_clients_without_an_active_course(client, therapist):
    free = factories.make_client(registered_by=therapist, family_name="Freeperson")
    busy = factories.make_course(therapist=therapist).client
    done = factories.make_course(therapist=therapist, status=CourseStatus.COMPLETED).client
    someone_elses = factories.make_client(family_name="Notmine")
    client.force_login(therapist)
    html = client.get(START).content.decode()
    assert free.family_name in html and done.family_name in html
    assert busy.family_name not in html and someone_elses.family_name not in html


def test_it_says_so_when_no_client_can_join(client, therapist):
    factories.make_course(therapist=therapist)
    client.force_login(therapist)
    html = client.get(START).content.decode()
    assert 'data-testid="no-candidates"' in html


@pytest.mark.parametrize("count", [4, 11])
def test_it_refuses_too_few_or_too_many_members_and_keeps_the_input(client, therapist, count):
    members = _clients(therapist, count)
    client.force_login(therapist)
    response = client.post(START, _start_data(members))
    html = response.content.decode()
    assert response.status_code == 400
    assert "5 to 10 members" in html
    assert 'value="Monday morning group"' in html
    assert html.count("checked") >= count
    assert not TherapyGroup.objects.exists() and not Course.objects.exists()


def test_it_refuses_a_first_session_in_the_past_and_someone_elses_client(client, therapist):
    members = _clients(therapist, 5) + [factories.make_client(family_name="Notmine")]
    client.force_login(therapist)
    past = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    response = client.post(START, _start_data(members, first_session_on=past))
    assert response.status_code == 400
    html = response.content.decode()
    assert "cannot be in the past" in html and "not one of the available choices" in html
    assert not TherapyGroup.objects.exists()


def test_it_refuses_garbage_with_a_400_not_a_500(client, therapist):
    client.force_login(therapist)
    response = client.post(
        START, {"first_session_on": "soon", "session_time": "25:99", "clients": ["x"]}
    )
    assert response.status_code == 400


def test_a_non_specialist_facilitator_may_start_a_group(client, supervisor):
    facilitator = make_facilitator(supervisor=supervisor)
    client.force_login(facilitator)
    assert client.get(START).status_code == 200
    assert "Start a group" in client.get(reverse("groups:list")).content.decode()


@pytest.mark.parametrize("who", ["supervisor", "service_admin"])
def test_it_refuses_the_start_page_to_those_who_do_not_lead(client, request, therapist, who):
    user = request.getfixturevalue(who)
    members = _clients(therapist, 5)
    client.force_login(user)
    assert client.get(START).status_code == 403
    assert client.post(START, _start_data(members)).status_code == 403
    assert "Start a group" not in client.get(reverse("groups:list")).content.decode()
    assert not TherapyGroup.objects.exists()


def test_it_opens_the_start_page_in_the_same_queries_however_many_clients(client, therapist):
    _clients(therapist, 2)
    client.force_login(therapist)
    with CaptureQueriesContext(connection) as few:
        assert client.get(START).status_code == 200
    _clients(therapist, 12)
    factories.make_therapist()
    with CaptureQueriesContext(connection) as many:
        assert client.get(START).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


# adding a member


def _future_group(lead, members=5, **fields):
    group = make_group(lead=lead, members=members, weeks_ago=-2, pre_group_held=False, **fields)
    return group


def test_it_adds_a_member_before_the_group_has_met(client, therapist):
    group = _future_group(therapist)
    newcomer = factories.make_client(registered_by=therapist, family_name="Newcomer")
    client.force_login(therapist)
    detail = client.get(group.get_absolute_url()).content.decode()
    assert 'data-testid="member-add-link"' in detail
    url = reverse("groups:member_add", args=[group.pk])
    assert "Newcomer" in client.get(url).content.decode()
    response = client.post(url, {"client": newcomer.pk})
    assert response.status_code == 302 and response["Location"] == group.get_absolute_url()
    membership = Membership.objects.get(group=group, course__client=newcomer)
    assert membership.course.therapist == therapist
    assert AuditEvent.objects.filter(
        action="group.member_add", object_id=str(membership.pk)
    ).exists()


def test_it_refuses_an_eleventh_member_with_the_services_message(client, therapist):
    group = _future_group(therapist, members=10)
    newcomer = factories.make_client(registered_by=therapist)
    client.force_login(therapist)
    assert (
        'data-testid="member-add-link"' not in client.get(group.get_absolute_url()).content.decode()
    )
    response = client.post(reverse("groups:member_add", args=[group.pk]), {"client": newcomer.pk})
    assert response.status_code == 400
    assert "at most 10 members" in response.content.decode()
    assert group.memberships.count() == 10


def test_it_refuses_a_client_with_an_active_course_or_no_choice(client, therapist):
    group = _future_group(therapist)
    busy = factories.make_course(therapist=therapist).client
    client.force_login(therapist)
    url = reverse("groups:member_add", args=[group.pk])
    assert client.post(url, {"client": busy.pk}).status_code == 400
    assert client.post(url, {"client": "nonsense"}).status_code == 400
    assert client.post(url, {}).status_code == 400
    assert group.memberships.count() == 5


def test_it_takes_no_new_member_once_a_group_session_is_signed(client, therapist):
    group = _future_group(therapist)
    group.sessions.filter(number=1).update(status="signed", signed_at=timezone.now())
    newcomer = factories.make_client(registered_by=therapist)
    client.force_login(therapist)
    assert (
        'data-testid="member-add-link"' not in client.get(group.get_absolute_url()).content.decode()
    )
    response = client.post(reverse("groups:member_add", args=[group.pk]), {"client": newcomer.pk})
    assert response.status_code == 409
    assert group.memberships.count() == 5


@pytest.mark.parametrize("who", ["other_therapist", "supervisor", "co_facilitator"])
def test_only_the_lead_adds_a_member(client, request, therapist, supervisor, who):
    facilitator = make_facilitator(supervisor=supervisor)
    group = _future_group(therapist, co_facilitator=facilitator)
    newcomer = factories.make_client(registered_by=therapist)
    user = facilitator if who == "co_facilitator" else request.getfixturevalue(who)
    client.force_login(user)
    url = reverse("groups:member_add", args=[group.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"client": newcomer.pk}).status_code == 404
    assert (
        'data-testid="member-add-link"' not in client.get(group.get_absolute_url()).content.decode()
    )
    assert group.memberships.count() == 5


# leaving


def test_it_shows_a_leave_button_per_member_that_posts_a_reason(client, therapist):
    group = make_group(lead=therapist, members=6)
    client.force_login(therapist)
    html = client.get(group.get_absolute_url()).content.decode()
    assert html.count('data-testid="member-leave"') == 6
    member = Membership.objects.of_group(group).first()
    leave_url = reverse("groups:member_leave", args=[group.pk, member.pk])
    assert f'action="{leave_url}"' in html and 'name="reason"' in html
    response = client.post(leave_url, {"reason": "Moved to another city"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.has_left and member.leave_reason == "Moved to another city"
    html = client.get(group.get_absolute_url()).content.decode()
    assert html.count('data-testid="member-leave"') == 5


def test_a_supervisor_sees_no_leave_or_add_buttons(client, therapist, supervisor):
    group = _future_group(therapist)
    client.force_login(supervisor)
    html = client.get(group.get_absolute_url()).content.decode()
    assert 'data-testid="member-leave"' not in html
    assert 'data-testid="member-add-link"' not in html
