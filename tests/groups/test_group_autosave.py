"""The group-session page saves itself as the facilitator types (htmx), like a session note."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEvent
from groups import services
from groups.models import GroupSession, Membership
from measures.models import QuestionnaireResponse, RiskFlag
from tests.groups.group_factories import make_group, member_post

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def group(therapist):
    return make_group(lead=therapist)


def _first(group) -> GroupSession:
    return group.sessions.get(number=1)


def _members(group):
    return list(Membership.objects.of_group(group))


def _url(gs):
    return reverse("groups:session_autosave", args=[gs.group_id, gs.number])


def _page(gs):
    return reverse("groups:session", args=[gs.group_id, gs.number])


def _saved(client, gs, members):
    """The page saved once with the Save draft button: every member has an entry."""
    assert client.post(_page(gs), member_post(gs, members)).status_code == 302
    gs.refresh_from_db()
    return gs


def _session(membership):
    return membership.course.sessions.get(planned_week=2)


def test_it_saves_a_members_note_and_answers_htmx_with_the_status_only(client, therapist, group):
    client.force_login(therapist)
    gs, members = _first(group), _members(group)
    gs = _saved(client, gs, members)
    m = members[1]
    data = member_post(
        gs, members, **{f"m{m.pk}-note": "Spoke about her sister for the first time"}
    )
    response = client.post(_url(gs), data, headers=HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html and 'id="autosave-status"' in html
    assert "Draft saved at" in html
    gs.refresh_from_db()
    assert f'id="group-version" value="{gs.version}" hx-swap-oob="true"' in html
    assert _session(m).note == "Spoke about her sister for the first time"
    # What still stops signing is read again: the group process note, nothing about members.
    assert '<div id="sign-gaps-part" hx-swap-oob="true">' in html
    assert "nothing written about the group process" not in html
    assert "attendance not recorded" not in html


def test_it_writes_only_the_members_whose_entry_changed(client, therapist, group):
    client.force_login(therapist)
    gs, members = _first(group), _members(group)
    gs = _saved(client, gs, members)
    before = {m.pk: _session(m).version for m in members}
    changed = members[3]
    data = member_post(gs, members, **{f"m{changed.pk}-next_task": "Ask her brother to lunch"})
    client.post(_url(gs), data, headers=HTMX)
    after = {m.pk: _session(m).version for m in members}
    assert [pk for pk in after if after[pk] != before[pk]] == [changed.pk]
    assert _session(changed).next_task == "Ask her brother to lunch"
    event = AuditEvent.objects.filter(action="session.update").latest("id")
    assert event.object_id == str(_session(changed).pk)


def test_it_autosaves_in_the_same_number_of_queries_for_any_group_size(client, therapist):
    small, large = make_group(lead=therapist, members=5), make_group(lead=therapist, members=10)
    client.force_login(therapist)
    counts = []
    for g in (small, large):
        gs, members = _first(g), _members(g)
        gs = _saved(client, gs, members)
        data = member_post(gs, members, **{f"m{members[0].pk}-note": "Typed just now"})
        with CaptureQueriesContext(connection) as ctx:
            response = client.post(_url(gs), data, headers=HTMX)
        assert "Draft saved at" in response.content.decode()
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_it_saves_the_group_note_alone_without_touching_the_members(client, therapist, group):
    client.force_login(therapist)
    gs, members = _first(group), _members(group)
    gs = _saved(client, gs, members)
    before = [_session(m).version for m in members]
    data = member_post(gs, members, **{"group-theme": "Role transitions"})
    client.post(_url(gs), data, headers=HTMX)
    gs.refresh_from_db()
    assert gs.theme == "Role transitions"
    assert [_session(m).version for m in members] == before


def test_it_opens_the_members_risk_flag_as_soon_as_a_high_rating_is_autosaved(
    client, therapist, group
):
    client.force_login(therapist)
    gs, members = _first(group), _members(group)
    gs = _saved(client, gs, members)
    at_risk = members[2]
    # Rated high before a word is written about it: saved, and the flag opens at once.
    data = member_post(
        gs, members, **{f"m{at_risk.pk}-risk_level": "high", f"m{at_risk.pk}-note": ""}
    )
    html = client.post(_url(gs), data, headers=HTMX).content.decode()
    assert "Draft saved at" in html
    assert RiskFlag.objects.open().filter(course=at_risk.course).exists()
    assert not RiskFlag.objects.filter(course=members[0].course).exists()
    assert f'<span id="m{at_risk.pk}-risk" hx-swap-oob="true"><span class="tag tag--risk"' in html
    assert html.count('data-testid="member-risk"') == 1
    # Signing then asks for what was done about it.
    gs.refresh_from_db()
    sessions = services.member_sessions(gs, members)
    gaps = services.unsigned_gaps(gs, sessions)
    assert f"high risk rated for {at_risk.course.client.given_name}" in "; ".join(gaps)


def test_it_saves_a_completed_questionnaire_and_shows_its_result(client, therapist, group):
    client.force_login(therapist)
    gs, members = _first(group), _members(group)
    gs = _saved(client, gs, members)
    m = members[0]
    answers = {f"m{m.pk}-q-phq9-{n}": "1" for n in range(1, 10)} | {f"m{m.pk}-q-phq9-9": "2"}
    data = member_post(gs, members, **answers, **{f"m{m.pk}-q-phq9-shown": "1"})
    html = client.post(_url(gs), data, headers=HTMX).content.decode()
    response = QuestionnaireResponse.objects.get(session=_session(m), instrument="phq9")
    assert response.total == 10
    assert f'id="m{m.pk}-grid-phq9"' in html and "Saved: total <strong>10</strong>" in html
    assert RiskFlag.objects.open().filter(course=m.course).exists()  # item 9 answered 2


def test_it_shows_a_conflict_and_writes_nothing_from_a_stale_tab(client, therapist, group):
    client.force_login(therapist)
    gs, members = _first(group), _members(group)
    gs = _saved(client, gs, members)
    opened = gs.version  # both tabs opened the page at this version
    m = members[0]
    first = member_post(gs, members, version=opened, **{f"m{m.pk}-note": "First tab's words"})
    assert "Draft saved at" in client.post(_url(gs), first, headers=HTMX).content.decode()
    stale = member_post(gs, members, version=opened, **{"group-theme": "Second tab's theme"})
    html = client.post(_url(gs), stale, headers=HTMX).content.decode()
    assert 'data-testid="autosave-conflict"' in html
    assert 'data-testid="autosave-alert"' in html  # at the top too, where the typing is
    assert "First tab&#x27;s words" in html  # what was saved meanwhile, beside what was typed
    assert "Second tab&#x27;s theme" in html
    assert 'id="group-version"' not in html  # the stale page keeps its version: no overwrite
    gs.refresh_from_db()
    assert gs.theme != "Second tab's theme"
    assert _session(m).note == "First tab's words"
    # Without htmx the refusal is a 409.
    assert client.post(_url(gs), stale).status_code == 409


def test_it_lets_the_stale_tab_keep_its_version_knowingly(client, therapist, group):
    client.force_login(therapist)
    gs, members = _first(group), _members(group)
    gs = _saved(client, gs, members)
    opened = gs.version
    client.post(_url(gs), member_post(gs, members, **{"group-theme": "First"}), headers=HTMX)
    gs.refresh_from_db()
    mine = member_post(gs, members, version=opened, take_over_version=str(gs.version))
    mine["group-theme"] = "Mine"
    assert client.post(_page(gs), mine).status_code == 302
    gs.refresh_from_db()
    assert gs.theme == "Mine"


def test_it_names_the_fault_and_saves_nothing_when_an_entry_is_invalid(client, therapist, group):
    client.force_login(therapist)
    gs, members = _first(group), _members(group)
    gs = _saved(client, gs, members)
    m = members[0]
    data = member_post(gs, members, **{f"m{m.pk}-attendance": "bogus", "group-theme": "Lost?"})
    html = client.post(_url(gs), data, headers=HTMX).content.decode()
    assert "Not saved" in html and f"{m.first_name}, Attendance" in html
    gs.refresh_from_db()
    assert gs.theme != "Lost?"
    assert client.post(_url(gs), data).status_code == 400


def test_it_refuses_to_autosave_a_signed_group_session(client, therapist, group):
    client.force_login(therapist)
    gs, members = _first(group), _members(group)
    assert client.post(_page(gs), member_post(gs, members, action="sign")).status_code == 302
    gs.refresh_from_db()
    data = member_post(gs, members, **{"group-theme": "After signing"})
    response = client.post(_url(gs), data, headers=HTMX)
    assert response.status_code == 409
    gs.refresh_from_db()
    assert gs.theme != "After signing"


def test_it_hides_the_autosave_from_another_therapist(client, other_therapist, group):
    client.force_login(other_therapist)
    gs = _first(group)
    response = client.post(_url(gs), member_post(gs, _members(group)), headers=HTMX)
    assert response.status_code == 404
    gs.refresh_from_db()
    assert gs.version == 1 and gs.theme == ""


def test_it_refuses_the_supervisors_autosave(client, supervisor, group):
    client.force_login(supervisor)
    gs = _first(group)
    assert client.post(_url(gs), member_post(gs, _members(group))).status_code == 403
    gs.refresh_from_db()
    assert gs.theme == ""


def test_it_marks_the_page_to_save_itself_for_facilitators_only(
    client, therapist, supervisor, group
):
    gs = _first(group)
    client.force_login(therapist)
    assert _url(gs) in client.get(_page(gs)).content.decode()
    client.force_login(supervisor)
    assert _url(gs) not in client.get(_page(gs)).content.decode()


def test_it_does_not_count_its_own_autosave_as_a_conflict_when_the_form_is_saved(
    client, therapist, group
):
    client.force_login(therapist)
    gs, members = _first(group), _members(group)
    gs = _saved(client, gs, members)
    typed = member_post(gs, members, **{"group-theme": "Typed, then Save draft at once"})
    client.post(_url(gs), typed, headers=HTMX)  # the autosave moved the version on
    # The button's post still carries the version the page had: same words, so no conflict.
    assert client.post(_page(gs), typed).status_code == 302
    stale = dict(typed, **{"group-theme": "Different words"})
    assert client.post(_page(gs), stale).status_code == 409


def test_it_keeps_a_half_answered_questionnaire_as_a_draft_and_refills_it(client, therapist, group):
    from sessions.questionnaire_drafts import QuestionnaireDraft

    client.force_login(therapist)
    gs, members = _first(group), _members(group)
    gs = _saved(client, gs, members)
    m = members[1]
    p = f"m{m.pk}"
    half = {f"{p}-q-phq9-{n}": "1" for n in range(1, 5)} | {f"{p}-q-phq9-9": "1"}
    data = member_post(gs, members, **half, **{f"{p}-q-phq9-shown": "1", f"{p}-q-phq9-was": ""})
    html = client.post(_url(gs), data, headers=HTMX).content.decode()
    assert "Draft saved at" in html
    draft = QuestionnaireDraft.objects.get(session=_session(m), instrument="phq9")
    assert draft.answers == {"1": "1", "2": "1", "3": "1", "4": "1", "9": "1"}
    assert not QuestionnaireResponse.objects.filter(session=_session(m)).exists()
    # Its positive risk item opens the member's flag now, not when the form is finished.
    assert RiskFlag.objects.open().filter(course=m.course).exists()
    assert f'id="{p}-q-phq9-was" value="1:1,2:1,3:1,4:1,9:1" hx-swap-oob="true"' in html
    page = client.get(_page(gs)).content.decode()
    assert f'id="{p}-q-phq9-1-1" name="{p}-q-phq9-1" value="1" checked' in page
    # Finishing it stores the questionnaire and clears the draft.
    gs.refresh_from_db()
    rest = {f"{p}-q-phq9-{n}": "1" for n in range(1, 10)}
    data = member_post(
        gs, members, **rest, **{f"{p}-q-phq9-shown": "1", f"{p}-q-phq9-was": "1:1,2:1,3:1,4:1,9:1"}
    )
    client.post(_url(gs), data, headers=HTMX)
    assert QuestionnaireResponse.objects.get(session=_session(m), instrument="phq9").total == 9
    draft.refresh_from_db()
    assert draft.cleared_at is not None
