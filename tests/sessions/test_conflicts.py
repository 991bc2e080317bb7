"""Two tabs on one draft: a stale save never silently changes anything the other tab saved
(issue 14, F4). Every field a save would write takes part in the conflict check."""

import pytest
from django.urls import reverse

from sessions.forms import NoteForm
from sessions.models import FocalAreaWork, Session
from tests import factories
from tests.sessions.conftest import note_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, therapist):
    client.force_login(therapist)
    return client


@pytest.fixture
def sister(course):
    return factories.make_person(course, name="Maya (sister)")


@pytest.fixture
def partner(course):
    return factories.make_person(course, name="Jon (partner)")


def _autosave(session):
    return reverse("sessions:autosave", args=[session.pk])


def _edit(session):
    return reverse("sessions:edit", args=[session.pk])


def _people(session) -> set[str]:
    return set(Session.objects.get(pk=session.pk).people_involved.values_list("name", flat=True))


def test_a_stale_autosave_with_other_people_is_a_conflict_not_an_erasure(
    signed_in, session, sister, partner
):
    # Tab one saves the note with the sister; tab two, loaded at version 1, types the same
    # text but ticks the partner instead.
    signed_in.post(_autosave(session), note_data(session, people_involved=[sister.pk]))
    response = signed_in.post(_autosave(session), note_data(session, people_involved=[partner.pk]))
    assert response.status_code == 409
    assert _people(session) == {"Maya (sister)"}


def test_the_conflict_view_shows_the_people_on_both_sides(signed_in, session, sister, partner):
    signed_in.post(_autosave(session), note_data(session, people_involved=[sister.pk]))
    response = signed_in.post(
        _autosave(session),
        note_data(session, people_involved=[partner.pk]),
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert "Saved elsewhere in the meantime" in body
    row = body[body.index("People involved in the mood changes") :]
    row = row[: row.index("</tr>")]
    assert "Maya (sister)" in row and "Jon (partner)" in row


def test_a_stale_full_save_with_other_people_is_a_409(signed_in, session, sister, partner):
    signed_in.post(_autosave(session), note_data(session, people_involved=[sister.pk]))
    response = signed_in.post(_edit(session), note_data(session, people_involved=[]))
    assert response.status_code == 409
    assert "People involved in the mood changes" in response.content.decode()
    assert _people(session) == {"Maya (sister)"}


def test_keep_mine_replaces_the_people_deliberately(signed_in, session, sister, partner):
    signed_in.post(_autosave(session), note_data(session, people_involved=[sister.pk]))
    response = signed_in.post(
        _edit(session),
        note_data(session, people_involved=[partner.pk], take_over_version="2"),
    )
    assert response.status_code == 302
    assert _people(session) == {"Jon (partner)"}


def test_the_same_people_saved_twice_is_not_a_conflict(signed_in, session, sister, partner):
    data = note_data(session, people_involved=[partner.pk, sister.pk])
    signed_in.post(_autosave(session), data)
    response = signed_in.post(_edit(session), {**data, "people_involved": [sister.pk, partner.pk]})
    assert response.status_code == 302


# A value different from note_data's for every field of the note form.
OTHER_VALUES = {
    "mood_rating": "7",
    "mood_account": "Better since the weekend.",
    "task_review": "done",
    "task_review_note": "Asked her sister and it went well.",
    "techniques": ["decision_analysis"],
    "risk_asked": "no",
    "risk_level": "none",
    "risk_action": "None needed.",
    "next_task": "Invite a friend for coffee.",
    "next_task_person": "Friend",
    "note": "A different account of the session.",
    "diagnosis_given": "on",
    "psychoeducation_given": "on",
    "sick_role_explained": "on",
    "focal_area_discussed": "on",
    "sessions_remaining_discussed": "on",
    "gains_reviewed": "Sleeping again.",
    "ending_feelings": "Sad and proud.",
    # A maintenance session's own note.
    "events_since_last": "Her sister visited.",
    "focal_area_review": "The dispute is calmer.",
    "warning_signs_noticed": "Woke early twice.",
    "relapse_plan_reviewed": "on",
    "rhythm_review": "Bed times drifted after two late shifts.",
    "rhythm_goal": "Up by 7:30 every day.",
}


def test_every_field_of_the_note_form_has_a_different_value_in_this_test():
    fields = [name for name in NoteForm.base_fields if name != "version"]
    assert set(fields) == set(OTHER_VALUES) | {"people_involved"}


@pytest.mark.parametrize("name", sorted(OTHER_VALUES))
def test_a_stale_save_differing_in_any_one_field_is_a_conflict(signed_in, session, name):
    signed_in.post(_autosave(session), note_data(session))
    saved = Session.objects.get(pk=session.pk)
    response = signed_in.post(_edit(session), note_data(session, **{name: OTHER_VALUES[name]}))
    assert response.status_code == 409, name
    assert getattr(Session.objects.get(pk=session.pk), name) == getattr(saved, name)


def test_a_stale_save_differing_in_focal_work_is_a_conflict(signed_in, middle_session):
    data = note_data(middle_session, **{"fa-grief-mourning": "Talked about her mother."})
    signed_in.post(_autosave(middle_session), data)
    response = signed_in.post(
        _edit(middle_session), {**data, "fa-grief-mourning": "Talked about her father."}
    )
    assert response.status_code == 409
    work = FocalAreaWork.objects.get(session=middle_session, area="grief")
    assert work.mourning == "Talked about her mother."
