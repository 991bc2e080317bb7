"""Focal-area work per session: one structured section per area, the people it was about
chosen from the course's inventory, kept through autosave, signing and the signed note."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sessions import services
from sessions.forms import FocalWorkForm
from sessions.models import FocalAreaWork, FocalWorkPerson, NoteStatus, Session
from supervision.focal_work import counts_as_work
from tests import factories
from tests.sessions.conftest import note_data

pytestmark = pytest.mark.django_db

# Per area: what the therapist types in each of its prompts (every one of them).
TYPED = {
    "grief": {
        "mourning": "Her father died in hospital in March; she was not there.",
        "good_memories": "Sunday walks; he taught her to drive.",
        "hard_memories": "He drank when she was a child.",
        "grief_feelings": "Cried about the missed goodbye, then anger.",
        "restoring": "Rejoined the choir he used to drive her to.",
    },
    "role_dispute": {
        "dispute_with": "Sam, her husband",
        "dispute_stage": "impasse",
        "client_expectations": "Shares the night feeds.",
        "other_expectations": "She manages the house as before.",
        "dispute_options": "Take turns by night; ask his mother to help.",
        "dispute_decision": "Negotiate: raise turns at night on Sunday.",
        "communication_change": "Asked directly instead of sighing.",
    },
    "role_transition": {
        "old_role": "Colleagues, a reason to get up, being the expert.",
        "old_role_gains": "The commute and the night shifts.",
        "new_role": "Days without a shape; time with grandchildren.",
        "skills_supports": "A volunteering role; his brother nearby.",
    },
    "interpersonal_deficits": {
        "pattern": "Friendships fade when he stops replying.",
        "isolation": "Sees no one outside work at weekends.",
        "new_contact": "Messaged an old school friend; they met for coffee.",
        "therapy_relationship": "Expected me to be bored; we talked about it.",
        "practice_step": "Go to the chess club on Thursday.",
    },
}


def _page(session):
    return reverse("sessions:edit", args=[session.pk])


def _middle(course, area):
    factories.make_formulation(course, primary_area=area)
    for _ in range(3):
        factories.make_session(course, note="x")
    return factories.make_session(course)


def _posted(area, values, people=()):
    data = {f"fa-{area}-{name}": value for name, value in values.items()}
    data[f"fa-{area}-people"] = [p.pk for p in people]
    return data


@pytest.fixture
def signed_in(client, therapist):
    client.force_login(therapist)
    return client


@pytest.mark.parametrize("area", sorted(TYPED))
def test_it_stores_each_areas_prompts_and_people_and_shows_them_signed(signed_in, course, area):
    session = _middle(course, area)
    person = factories.make_person(course, name="Alex Morgan")
    data = note_data(session, people_was="") | _posted(area, TYPED[area], [person])
    response = signed_in.post(
        reverse("sessions:sign", args=[session.pk]), data | {"confirm_sign": "1"}
    )
    assert response.status_code == 302
    work = FocalAreaWork.objects.get(session=session)
    assert work.area == area
    assert {name: getattr(work, name) for name in TYPED[area]} == TYPED[area]
    assert list(work.people.all()) == [person]
    assert Session.objects.get(pk=session.pk).status == NoteStatus.SIGNED
    body = signed_in.get(reverse("sessions:detail", args=[session.pk])).content.decode()
    assert "Alex Morgan" in body
    for name, value in TYPED[area].items():
        shown = "Impasse" if name == "dispute_stage" else value.replace("'", "&#x27;")
        assert shown in body, name
    assert counts_as_work(area, TYPED[area])


@pytest.mark.parametrize("area", sorted(TYPED))
def test_the_form_shows_only_its_areas_prompts_with_a_hint_each(course, area):
    form = FocalWorkForm(
        instance=FocalAreaWork(area=area), area=area, course_id=course.pk, prefix=f"fa-{area}"
    )
    assert list(form.fields) == [*FocalAreaWork.PROMPT_FIELDS[area], "people"]
    assert all(form.fields[name].help_text for name in form.fields)
    assert form.legend_hint


def test_the_page_shows_only_the_chosen_areas_section(signed_in, course):
    session = _middle(course, "role_transition")
    body = signed_in.get(_page(session)).content.decode()
    assert 'name="fa-role_transition-old_role_gains"' in body
    assert 'name="fa-grief-good_memories"' not in body
    assert 'name="fa-role_dispute-dispute_decision"' not in body


def test_it_offers_only_the_courses_current_people(signed_in, course):
    session = _middle(course, "grief")
    here = factories.make_person(course, name="Here Now")
    gone = factories.make_person(course, name="Taken Off")
    gone.removed_at = timezone.now()
    gone.save()
    elsewhere = factories.make_person(factories.make_course(), name="Someone Else")
    body = signed_in.get(_page(session)).content.decode()
    assert "Here Now" in body and "Taken Off" not in body and "Someone Else" not in body
    data = note_data(session, people_was="") | _posted(
        "grief", {"mourning": "Kept when refused"}, [elsewhere]
    )
    response = signed_in.post(_page(session), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "not on this course&#x27;s inventory" in body and "Kept when refused" in body
    assert not FocalWorkPerson.objects.exists()
    assert here  # offered above


def test_an_autosave_keeps_unchanged_people_in_six_queries_and_writes_changed_ones(
    client, therapist, course
):
    session = _middle(course, "role_dispute")
    sam, mum = (factories.make_person(course, name=n) for n in ("Sam", "Mum"))
    client.force_login(therapist)
    url = reverse("sessions:autosave", args=[session.pk])
    focal = _posted("role_dispute", {"dispute_with": "Sam"}, [sam])
    response = client.post(url, note_data(session, people_was="") | focal, HTTP_HX_REQUEST="true")
    # The page learns the ticks it now holds, so the next autosave can skip them.
    assert f'id="fa-role_dispute-people-was" value="{sam.pk}"' in response.content.decode()
    work = FocalAreaWork.objects.get(session=session)
    assert list(work.people.all()) == [sam]
    unchanged = focal | {"fa-role_dispute-people_was": str(sam.pk)}
    session.refresh_from_db()
    with CaptureQueriesContext(connection) as queries:
        client.post(
            url,
            note_data(session, people_was="", note="More.") | unchanged,
            HTTP_HX_REQUEST="true",
        )
    own = [
        q["sql"]
        for q in queries.captured_queries
        if not q["sql"].startswith(("BEGIN", "COMMIT", "SAVEPOINT", "RELEASE"))
        and "django_session" not in q["sql"]
        and 'FROM "accounts_user"' not in q["sql"]
    ]
    assert len(own) <= 6, own
    assert list(work.people.all()) == [sam]
    # Unticking Sam and ticking Mum is written.
    session.refresh_from_db()
    changed = _posted("role_dispute", {"dispute_with": "Sam"}, [mum])
    changed["fa-role_dispute-people_was"] = str(sam.pk)
    client.post(url, note_data(session, people_was="") | changed, HTTP_HX_REQUEST="true")
    assert list(work.people.all()) == [mum]


def test_a_stale_save_differing_only_in_the_people_is_a_conflict(signed_in, course):
    session = _middle(course, "grief")
    dad, aunt = (factories.make_person(course, name=n) for n in ("Dad", "Aunt Jo"))
    data = note_data(session, people_was="") | _posted("grief", {"mourning": "x"}, [dad])
    signed_in.post(reverse("sessions:autosave", args=[session.pk]), data)
    stale = data | _posted("grief", {"mourning": "x"}, [aunt])
    response = signed_in.post(_page(session), stale)
    assert response.status_code == 409
    body = response.content.decode()
    assert "Grief: People involved" in body and "Aunt Jo" in body
    assert list(FocalAreaWork.objects.get(session=session).people.all()) == [dad]


def test_the_people_of_a_signed_notes_focal_work_are_frozen(course):
    session = _middle(course, "grief")
    dad, aunt = (factories.make_person(course, name=n) for n in ("Dad", "Aunt Jo"))
    services.save_note(
        session,
        course.therapist,
        services.NoteChanges(
            fields={"note": "Talked about Dad."},
            focal_work={"grief": {"mourning": "The hospital", "people": [dad]}},
        ),
        expected_version=session.version,
    )
    services.sign_session(session, course.therapist)
    work = FocalAreaWork.objects.get(session=session)
    with pytest.raises(DatabaseError), transaction.atomic():
        work.people.add(aunt, through_defaults={"session": session})
    with pytest.raises(DatabaseError), transaction.atomic():
        FocalWorkPerson.objects.filter(work=work).delete()
    assert list(work.people.all()) == [dad]
