"""A questionnaire answered in part on the session page is kept as a draft (issue 16, point 6):
it fills the grid again when the page is reopened, is cleared once the questionnaire is stored,
is never scored, is named in the summary before signing, is frozen with a signed note, and a
positive risk item in it opens the risk flag at once."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from measures.models import QuestionnaireResponse, RiskFlag
from sessions import services
from sessions.models import Session
from sessions.questionnaire_drafts import QuestionnaireDraft
from tests import factories
from tests.sessions.conftest import note_data

pytestmark = pytest.mark.django_db

FOUR_PHQ9 = {"q-phq9-1": "2", "q-phq9-2": "1", "q-phq9-3": "3", "q-phq9-4": "1"}


@pytest.fixture
def signed_in(client, therapist):
    client.force_login(therapist)
    return client


def _middle(course):
    for _ in range(3):
        factories.make_session(course, note="x")
    return factories.make_session(course)


def _autosave(client, session, answers, **extra):
    data = note_data(Session.objects.get(pk=session.pk), people_was="")
    data |= {"q-phq9-shown": "1", "q-gad7-shown": "1"} | answers | extra
    return client.post(
        reverse("sessions:autosave", args=[session.pk]), data, HTTP_HX_REQUEST="true"
    )


def _page(client, session) -> str:
    return client.get(reverse("sessions:edit", args=[session.pk])).content.decode()


def test_it_keeps_half_answered_questionnaires_and_fills_the_grid_again(signed_in, course):
    session = _middle(course)
    response = _autosave(signed_in, session, FOUR_PHQ9, **{"q-phq9-was": ""})
    assert response.status_code == 200
    # The page's "was" field follows the saved draft, so the next autosave writes nothing.
    assert 'name="q-phq9-was" id="q-phq9-was" value="1:2,2:1,3:3,4:1"' in response.content.decode()
    draft = QuestionnaireDraft.objects.get(session=session, instrument="phq9")
    assert draft.answers == {"1": "2", "2": "1", "3": "3", "4": "1"}
    body = _page(signed_in, session)
    assert 'name="q-phq9-1" value="2" checked' in body
    assert 'name="q-phq9-3" value="3" checked' in body
    assert 'name="q-phq9-5" value="0" checked' not in body
    assert "Running total <strong>7</strong>" in body and "4 of 9 items answered" in body
    # Never scored: no questionnaire is stored until every item is answered.
    assert not QuestionnaireResponse.objects.filter(session=session).exists()


def test_it_clears_the_draft_once_the_questionnaire_is_stored(signed_in, course):
    session = _middle(course)
    _autosave(signed_in, session, FOUR_PHQ9, **{"q-phq9-was": ""})
    rest = {f"q-phq9-{n}": "0" for n in range(5, 10)}
    _autosave(signed_in, session, FOUR_PHQ9 | rest, **{"q-phq9-was": "1:2,2:1,3:3,4:1"})
    assert QuestionnaireResponse.objects.get(session=session, instrument="phq9").total == 7
    draft = QuestionnaireDraft.objects.get(session=session, instrument="phq9")
    assert draft.cleared_at is not None
    body = _page(signed_in, session)
    assert 'name="q-phq9-1"' not in body and "Saved: total <strong>7</strong>" in body


def test_unchanged_drafts_cost_the_autosave_nothing(client, therapist, course):
    session = _middle(course)
    client.force_login(therapist)
    _autosave(client, session, FOUR_PHQ9, **{"q-phq9-was": "", "q-gad7-was": ""})
    with CaptureQueriesContext(connection) as queries:
        response = _autosave(
            client,
            session,
            FOUR_PHQ9,
            note="More typed.",
            **{"q-phq9-was": "1:2,2:1,3:3,4:1", "q-gad7-was": ""},
        )
    assert "Draft saved at" in response.content.decode()
    own = [
        q["sql"]
        for q in queries.captured_queries
        if not q["sql"].startswith(("BEGIN", "COMMIT", "SAVEPOINT", "RELEASE"))
        and "django_session" not in q["sql"]
        and 'FROM "accounts_user"' not in q["sql"]
    ]
    assert len(own) <= 6, own
    assert not any("questionnairedraft" in sql for sql in own)


def test_the_summary_says_plainly_a_questionnaire_was_started_but_not_finished(signed_in, course):
    session = _middle(course)
    _autosave(signed_in, session, FOUR_PHQ9, **{"q-phq9-was": ""})
    body = _page(signed_in, session)
    assert "PHQ-9 started but not finished: 4 of 9 items answered; it will not be scored" in body
    assert "GAD-7 not completed" in body


def test_signing_with_a_half_answered_questionnaire_keeps_it_unscored_and_frozen(signed_in, course):
    session = _middle(course)
    _autosave(signed_in, session, FOUR_PHQ9, **{"q-phq9-was": ""})
    data = note_data(Session.objects.get(pk=session.pk), people_was="", confirm_sign="on")
    data |= {"q-phq9-shown": "1", "q-phq9-was": "1:2,2:1,3:3,4:1"} | FOUR_PHQ9
    response = signed_in.post(reverse("sessions:sign", args=[session.pk]), data)
    assert response.status_code == 302
    assert Session.objects.get(pk=session.pk).is_signed
    assert not QuestionnaireResponse.objects.filter(session=session).exists()
    note = signed_in.get(reverse("sessions:detail", args=[session.pk])).content.decode()
    assert "PHQ-9 started but not finished: 4 of 9 items answered, not scored." in note
    draft = QuestionnaireDraft.objects.get(session=session)
    draft.answers = {"1": "0"}
    with pytest.raises(DatabaseError), transaction.atomic():
        draft.save()
    with pytest.raises(DatabaseError), transaction.atomic():
        QuestionnaireDraft.objects.filter(pk=draft.pk).delete()
    assert QuestionnaireDraft.objects.get(pk=draft.pk).answers["1"] == "2"


def test_a_positive_risk_item_in_a_draft_opens_the_flag_and_the_banner_at_once(signed_in, course):
    session = _middle(course)
    body = _autosave(
        signed_in, session, {"q-phq9-1": "1", "q-phq9-9": "1"}, **{"q-phq9-was": ""}
    ).content.decode()
    flag = RiskFlag.objects.open().get(course=course, session=session)
    assert "not yet finished" in flag.reason
    assert '<div id="risk-banner" hx-swap-oob="true">' in body and "Open risk flag" in body
    assert "A risk item is positive" in body
    assert not QuestionnaireResponse.objects.filter(session=session).exists()
    # More answers do not open a second flag, and neither does finishing the questionnaire:
    # the stored answers take over the flag the draft opened.
    _autosave(
        signed_in,
        session,
        {"q-phq9-1": "1", "q-phq9-2": "1", "q-phq9-9": "1"},
        **{"q-phq9-was": "1:1,9:1"},
    )
    full = {f"q-phq9-{n}": "1" for n in range(1, 10)}
    _autosave(signed_in, session, full, **{"q-phq9-was": "1:1,2:1,9:1"})
    response = QuestionnaireResponse.objects.get(session=session)
    assert list(RiskFlag.objects.filter(course=course)) == [flag]
    flag.refresh_from_db()
    assert flag.response == response and flag.is_open
    # The reopened page shows the banner too.
    assert 'data-testid="risk-banner"' in _page(signed_in, session)


def test_a_stale_save_with_other_draft_answers_is_a_conflict(signed_in, course):
    session = _middle(course)
    _autosave(signed_in, session, FOUR_PHQ9, **{"q-phq9-was": ""})
    # The second tab still holds version 1 and answered the first item otherwise.
    data = note_data(session, people_was="") | {
        "q-phq9-shown": "1",
        "q-phq9-was": "",
        "q-phq9-1": "0",
    }
    body = signed_in.post(
        reverse("sessions:autosave", args=[session.pk]), data, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Saved elsewhere in the meantime" in body
    assert "PHQ-9 (not finished)" in body
    assert QuestionnaireDraft.objects.get(session=session).answers["1"] == "2"


def test_drafts_are_read_only_through_the_course_s_access_path(signed_in, course, other_therapist):
    session = _middle(course)
    _autosave(signed_in, session, FOUR_PHQ9, **{"q-phq9-was": ""})
    assert QuestionnaireDraft.objects.visible_to(course.therapist).count() == 1
    assert not QuestionnaireDraft.objects.visible_to(other_therapist).exists()


def test_signing_after_the_draft_service_runs_needs_no_page(course):
    """The service alone (no page) signs a note that has a draft: nothing blocks it."""
    session = _middle(course)
    services.save_note(
        session,
        course.therapist,
        services.NoteChanges(fields={"note": "Talked."}, questionnaire_drafts={"phq9": {"1": "2"}}),
        expected_version=session.version,
    )
    signed = services.sign_session(Session.objects.get(pk=session.pk), course.therapist)
    assert signed.is_signed and QuestionnaireDraft.objects.get(session=session).answers == {
        "1": "2"
    }
