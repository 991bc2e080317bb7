"""The group-session page: one form for the group note and every member's entry."""

import pytest
from django.urls import reverse

from audit import protection
from groups.models import GroupSession, MemberEntry, Membership
from measures.models import RiskFlag
from sessions.models import NoteStatus, Session
from tests import factories
from tests.groups.group_factories import make_facilitator, make_group, member_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(therapist):
    return make_group(lead=therapist)


def _first(group) -> GroupSession:
    return group.sessions.get(number=1)


def _members(group):
    return list(Membership.objects.of_group(group))


def _url(gs):
    return reverse("groups:session", args=[gs.group_id, gs.number])


def test_it_gives_each_member_their_own_course_with_a_pre_group_meeting_and_eight_sessions(group):
    assert group.sessions.count() == 8
    for m in _members(group):
        assert m.course.delivery == "group_member"
        assert m.course.sessions.count() == 9
        assert m.course.therapist == group.lead_facilitator


def test_it_shows_every_member_on_one_page(client, therapist, group):
    client.force_login(therapist)
    response = client.get(_url(_first(group)))
    assert response.status_code == 200
    html = response.content.decode()
    for m in _members(group):
        assert f'data-testid="member-{m.pk}"' in html
        assert f'name="m{m.pk}-q-phq9-1"' in html  # the questionnaire inline


def test_it_saves_the_group_note_and_each_members_entry_in_their_own_session(
    client, therapist, group
):
    client.force_login(therapist)
    gs, members = _first(group), _members(group)
    response = client.post(_url(gs), member_post(gs, members))
    assert response.status_code == 302
    gs.refresh_from_db()
    assert gs.group_process == "Members listened well."
    for m in members:
        session = m.course.sessions.get(planned_week=2)
        assert session.attendance == "attended"
        assert session.note == f"Entry for {m.course.client.given_name} only"
        assert session.group_entry.problem_area_work.startswith("Area work of")
        assert session.number == 2  # session 1 of their course was the pre-group meeting


def test_it_signs_the_group_note_and_every_members_entry(client, therapist, group):
    client.force_login(therapist)
    gs, members = _first(group), _members(group)
    client.post(_url(gs), member_post(gs, members, action="sign"))
    gs.refresh_from_db()
    assert gs.is_signed
    sessions = Session.objects.filter(course__group_membership__group=group, planned_week=2)
    assert {s.status for s in sessions} == {NoteStatus.SIGNED}
    # A member's entry is part of their signed note: the database refuses to change it.
    entry = MemberEntry.objects.filter(group_session=gs).first()
    with pytest.raises(Exception, match="signed"):
        MemberEntry.objects.filter(pk=entry.pk).update(problem_area_work="changed")


def test_it_refuses_to_sign_before_the_members_pre_group_meetings_are_recorded(therapist):
    from groups import services
    from sessions.errors import NotSignable

    group = make_group(lead=therapist, pre_group_held=False)
    gs = _first(group)
    services.save_group_session(
        gs,
        therapist,
        expected_version=1,
        group_fields={"group_process": "Written"},
        members={
            m.pk: services.MemberChanges("attended", {"note": "x"}, "") for m in _members(group)
        },
    )
    with pytest.raises(NotSignable, match="pre-group meeting not recorded"):
        services.sign_group_session(gs, therapist)


def test_it_saves_but_refuses_to_sign_without_a_group_process_note(client, therapist, group):
    client.force_login(therapist)
    gs, members = _first(group), _members(group)
    data = member_post(gs, members, action="sign", **{"group-group_process": ""})
    response = client.post(_url(gs), data)
    assert response.status_code == 400
    assert "nothing written about the group process" in response.content.decode()
    gs.refresh_from_db()
    assert not gs.is_signed
    assert gs.theme == "Naming our problem areas"  # saved, though not signed
    assert not Session.objects.filter(course__group_membership__group=group, status="signed")


def test_it_refuses_to_sign_while_a_members_attendance_is_unrecorded(therapist, group):
    from groups import services
    from sessions.errors import NotSignable

    gs = _first(group)
    gs.group_process = "Written"
    gs.save()
    with pytest.raises(NotSignable, match="attendance not recorded"):
        services.sign_group_session(gs, therapist)


def test_it_keeps_a_stale_save_and_shows_both_versions(client, therapist, group):
    client.force_login(therapist)
    gs, members = _first(group), _members(group)
    client.post(_url(gs), member_post(gs, members, **{"group-group_process": "First tab"}))
    stale = member_post(gs, members, version=1, **{"group-group_process": "Second tab"})
    response = client.post(_url(gs), stale)
    assert response.status_code == 409
    html = response.content.decode()
    assert "First tab" in html and "Second tab" in html
    gs.refresh_from_db()
    assert gs.group_process == "First tab"


def test_it_keeps_typed_input_when_an_entry_is_invalid(client, therapist, group):
    client.force_login(therapist)
    gs, members = _first(group), _members(group)
    m = members[0]
    data = member_post(gs, members, **{f"m{m.pk}-attendance": "bogus", "group-theme": "Kept"})
    response = client.post(_url(gs), data)
    assert response.status_code == 400
    assert 'value="Kept"' in response.content.decode()
    gs.refresh_from_db()
    assert gs.theme == ""


def test_it_opens_a_risk_flag_in_the_members_own_record_and_shows_it_on_the_group_page(
    client, therapist, group
):
    client.force_login(therapist)
    gs, members = _first(group), _members(group)
    at_risk = members[2]
    data = member_post(gs, members, **{f"m{at_risk.pk}-risk_level": "high"})
    client.post(_url(gs), data)
    assert RiskFlag.objects.open().filter(course=at_risk.course).exists()
    assert not RiskFlag.objects.filter(course=members[0].course).exists()
    html = client.get(reverse("groups:detail", args=[group.pk])).content.decode()
    assert html.count('data-testid="member-risk"') == 1
    page = client.get(_url(gs)).content.decode()
    assert page.count('data-testid="member-risk"') == 1
    course_page = client.get(reverse("cases:course_detail", args=[at_risk.course_id]))
    assert "risk" in course_page.content.decode().lower()


def test_it_lets_a_member_leave_without_ending_the_group(client, therapist, group):
    client.force_login(therapist)
    members = _members(group)
    url = reverse("groups:member_leave", args=[group.pk, members[0].pk])
    assert client.post(url, {"reason": "Moved away"}).status_code == 302
    members[0].refresh_from_db()
    assert members[0].has_left
    gs = group.sessions.get(number=2)
    gs.scheduled_for = gs.scheduled_for.replace(year=gs.scheduled_for.year + 1)
    gs.save()
    page = client.get(_url(gs)).content.decode()
    assert f'data-testid="member-{members[0].pk}"' not in page
    assert f'data-testid="member-{members[1].pk}"' in page


def test_it_lets_a_non_specialist_co_facilitator_write_and_sends_notes_for_cosignature(client):
    supervisor = factories.make_supervisor()
    lead = factories.make_therapist(supervisor=supervisor)
    facilitator = make_facilitator(supervisor=supervisor)
    group = make_group(lead=lead, co_facilitator=facilitator)
    client.force_login(facilitator)
    gs, members = _first(group), _members(group)
    assert client.post(_url(gs), member_post(gs, members, action="sign")).status_code == 302
    session = members[0].course.sessions.get(planned_week=2)
    assert session.status == NoteStatus.SIGNED
    assert session.awaiting_cosignature


def test_it_hides_another_facilitators_group(client, other_therapist, group):
    client.force_login(other_therapist)
    assert client.get(_url(_first(group))).status_code == 404
    assert client.get(reverse("groups:detail", args=[group.pk])).status_code == 404
    assert client.post(_url(_first(group)), member_post(_first(group), [])).status_code == 404


def test_it_shows_the_supervisor_the_group_read_only(client, supervisor, group):
    client.force_login(supervisor)
    response = client.get(_url(_first(group)))
    assert response.status_code == 200
    assert "Read only" in response.content.decode()
    gs = _first(group)
    assert client.post(_url(gs), member_post(gs, _members(group))).status_code == 403


def test_it_answers_htmx_with_the_members_part_only(client, therapist, group):
    client.force_login(therapist)
    response = client.get(_url(_first(group)), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert 'id="members"' in html and "<html" not in html


def test_it_builds_the_page_in_the_same_number_of_queries_for_any_group_size(
    client, therapist, django_assert_max_num_queries
):
    small, large = make_group(lead=therapist, members=5), make_group(lead=therapist, members=10)
    client.force_login(therapist)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for g in (small, large):
        with CaptureQueriesContext(connection) as ctx:
            client.get(_url(_first(g)))
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_the_database_keeps_group_records(group):
    assert protection.NO_DELETE and "groups_groupsession" in protection.NO_DELETE
