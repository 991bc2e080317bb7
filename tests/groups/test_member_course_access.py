"""A group member's own course is the lead facilitator's (its therapist); the group's
co-facilitator, and the co-facilitator's own supervisor, read it through the one access path
(``Course.objects.visible_to``, which groups extends through ``cases.ports``); an unrelated
facilitator gets a 404, and only the treating therapist writes."""

import pytest
from django.urls import reverse

from cases.models import Client, Course
from groups.models import Membership
from measures.models import QuestionnaireResponse
from tests import factories
from tests.groups.group_factories import make_facilitator, make_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(therapist, other_supervisor):
    """The lead (``therapist``) with a co-facilitator supervised by someone else."""
    co = make_facilitator(supervisor=other_supervisor)
    group = make_group(lead=therapist, co_facilitator=co)
    member = Membership.objects.of_group(group).first()
    stranger = make_facilitator(supervisor=factories.make_supervisor())
    return {"co": co, "group": group, "member": member, "stranger": stranger}


def test_the_co_facilitator_and_their_supervisor_read_the_members_course_and_pdf(
    client, world, other_supervisor
):
    course = world["member"].course
    for user in (world["co"], other_supervisor):
        client.force_login(user)
        group_page = client.get(world["group"].get_absolute_url()).content.decode()
        assert f'href="{course.get_absolute_url()}" data-testid="member-course"' in group_page
        page = client.get(course.get_absolute_url())
        assert page.status_code == 200, user
        assert "Read only" in page.content.decode()
        pdf = client.get(reverse("groups:member_pdf", args=[course.pk]))
        assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
        # What a facilitator needs beside the course: its measures and risk pages, the client.
        for url in (
            reverse("measures:course_measures", args=[course.pk]),
            reverse("measures:course_risk", args=[course.pk]),
            reverse("cases:client_detail", args=[course.client_id]),
        ):
            assert client.get(url).status_code == 200, (user, url)


def test_an_unrelated_facilitator_and_their_supervisor_get_404(client, world):
    course = world["member"].course
    for user in (world["stranger"], world["stranger"].supervisor):
        client.force_login(user)
        assert client.get(course.get_absolute_url()).status_code == 404
        assert client.get(reverse("groups:member_pdf", args=[course.pk])).status_code == 404
        assert (
            client.get(reverse("cases:client_detail", args=[course.client_id])).status_code == 404
        )


def test_the_co_facilitator_writes_nothing_through_the_members_course(client, world):
    course = world["member"].course
    client.force_login(world["co"])
    response = client.post(
        reverse("measures:response_new", args=[course.pk]),
        {"instrument": "phq9", **{f"q{i}": "1" for i in range(1, 10)}},
    )
    assert response.status_code in (403, 404)
    assert not QuestionnaireResponse.objects.filter(course=course).exists()


def test_the_co_facilitator_sees_only_the_members_courses_not_the_leads_others(world, therapist):
    own = factories.make_course(therapist=therapist)  # the lead's individual client
    visible = set(Course.objects.visible_to(world["co"]).values_list("pk", flat=True))
    members = set(Membership.objects.filter(group=world["group"]).values_list("course", flat=True))
    assert visible == members and own.pk not in visible
    assert not Course.objects.visible_to(world["stranger"]).exists()
    assert not Client.objects.visible_to(world["stranger"]).exists()


def test_visible_to_stays_one_query(django_assert_num_queries, world, other_supervisor):
    for user in (world["co"], other_supervisor, world["stranger"]):
        with django_assert_num_queries(1):
            list(Course.objects.visible_to(user))


def test_it_lists_the_members_for_the_co_facilitator_under_their_own_heading(client, world):
    """The co-facilitator's list is of their groups' members, named as such: not "Members I
    lead" (they do not lead) and not "every current course in the service" (it is not)."""
    client.force_login(world["co"])
    page = client.get(reverse("cases:caseload")).content.decode()
    assert "<h1>My group members</h1>" in page
    assert "every current course in the service" not in page
    assert "Members I lead" not in page
    assert world["member"].course.client.record_number in page


def test_it_shares_the_same_courses_through_the_rewritten_rule(world, therapist, other_supervisor):
    """The share is written ``course = ANY(ARRAY(subquery))`` on PostgreSQL (the planner then
    reads both sides of the rule through indexes); it keeps exactly the courses Django's own
    ``IN (subquery)`` keeps, for records reached through a course too."""
    from django.db import connection
    from django.db.models import Q

    from cases import ports
    from cases.models.access import visible_courses_q, visible_therapists_q

    factories.make_course(therapist=world["stranger"])
    QuestionnaireResponse.objects.create(
        course=world["member"].course, instrument="phq9", completed_on="2026-01-05",
        answers={}, total=3, band="Minimal", entered_by=therapist,
    )  # fmt: skip
    for user in (world["co"], other_supervisor, therapist, world["stranger"]):
        shared = ports.shared_courses(user)
        reference = visible_therapists_q(user, "therapist") | Q(pk__in=shared)
        expected = set(Course.objects.filter(reference).values_list("pk", flat=True))
        assert set(Course.objects.visible_to(user).values_list("pk", flat=True)) == expected
        through = visible_therapists_q(user, "course__therapist") | Q(course__in=shared)
        assert set(QuestionnaireResponse.objects.visible_to(user).values_list("pk", flat=True)) == (
            set(QuestionnaireResponse.objects.filter(through).values_list("pk", flat=True))
        )
    # The co-facilitator sees the member's course only through the share.
    assert world["member"].course.pk in set(
        Course.objects.visible_to(world["co"]).values_list("pk", flat=True)
    )
    sql = str(Course.objects.filter(visible_courses_q(world["co"])).query)
    if connection.vendor == "postgresql":
        assert "= ANY(ARRAY(SELECT" in sql
    else:
        assert " IN (SELECT" in sql
