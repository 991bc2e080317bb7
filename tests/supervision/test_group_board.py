"""The supervisor's dashboard rows for groups and their members."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from groups.models import Membership
from measures.services import record_response
from tests import factories
from tests.groups.group_factories import make_group, member_post

pytestmark = pytest.mark.django_db


def _run_session(client, group, number, **overrides):
    gs = group.sessions.get(number=number)
    members = list(Membership.objects.of_group(group))
    client.post(
        reverse("groups:session", args=[group.pk, number]),
        member_post(gs, members, action="sign", **overrides),
    )
    return members


def _phq9(course, total_each: str, day):
    answers = {str(n): total_each for n in range(1, 9)} | {"9": "0"}
    record_response(
        course=course,
        instrument_code="phq9",
        answers=answers,
        completed_on=day,
        by=course.therapist,
    )


def test_it_shows_each_group_with_attendance_risk_and_members_not_on_track(
    client, therapist, supervisor
):
    import datetime

    group = make_group(lead=therapist, members=6)
    client.force_login(therapist)
    members = list(Membership.objects.of_group(group))
    missing, at_risk, worse = members[0], members[1], members[2]
    for number in (1, 2):
        _run_session(
            client,
            group,
            number,
            **{f"m{missing.pk}-attendance": "dna", f"m{at_risk.pk}-risk_level": "high"},
        )
    _phq9(worse.course, "1", datetime.date(2026, 1, 1))
    _phq9(worse.course, "2", datetime.date(2026, 2, 1))
    client.force_login(supervisor)
    html = client.get(reverse("supervision:dashboard")).content.decode()
    assert 'data-testid="supervision-groups"' in html
    assert html.count('data-testid="group-member-line"') == 6
    assert "83%" in html  # 10 of 12 recorded meetings attended
    assert "missed 2 group sessions" in html
    assert "PHQ-9 not improving (8 to 16)" in html
    assert ">1 member</span>" in html  # one at risk


def test_it_reads_the_groups_in_the_same_queries_however_many_groups_and_members(
    client, supervisor
):
    therapist = factories.make_therapist(supervisor=supervisor)
    make_group(lead=therapist, members=5)
    client.force_login(supervisor)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("supervision:dashboard")).status_code == 200
        return len(ctx.captured_queries)

    one = count()
    make_group(lead=therapist, members=10)
    make_group(lead=factories.make_therapist(supervisor=supervisor), members=7)
    assert count() == one


def test_it_leaves_out_groups_of_another_supervisors_facilitators(
    client, other_supervisor, therapist
):
    make_group(lead=therapist)
    client.force_login(other_supervisor)
    html = client.get(reverse("supervision:dashboard")).content.decode()
    assert 'data-testid="supervision-groups"' not in html
