"""The session page (issue 16): attendance, note, questionnaires and signing on one page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from measures.models import QuestionnaireResponse, RiskFlag
from sessions.models import Attendance, NoteStatus, Session
from tests import factories
from tests.sessions.conftest import note_data, scheduled

pytestmark = pytest.mark.django_db

PHQ9_MILD = {f"q-phq9-{n}": "1" for n in range(1, 9)} | {"q-phq9-9": "0", "q-phq9-shown": "1"}
GAD7_MILD = {f"q-gad7-{n}": "1" for n in range(1, 8)} | {"q-gad7-shown": "1"}


@pytest.fixture
def signed_in(client, therapist):
    client.force_login(therapist)
    return client


def _page(session):
    return reverse("sessions:edit", args=[session.pk])


def _middle(course):
    for _ in range(3):
        factories.make_session(course, next_task="Ask Sam to help on Saturday", note="x")
    return factories.make_session(course)


def test_it_shows_the_due_questionnaires_as_grids_under_one_heading(signed_in, course):
    session = _middle(course)
    body = signed_in.get(_page(session)).content.decode()
    assert body.count("<legend>Questionnaires</legend>") == 1
    assert "Questionnaires</h3>" not in body
    assert 'name="q-phq9-9"' in body and 'name="q-gad7-7"' in body
    # No link away from the note to fill them in elsewhere.
    assert "Add PHQ-9" not in body and "Add GAD-7" not in body


def test_it_saves_complete_questionnaires_with_the_autosave_and_stops_offering_them(
    signed_in, course, therapist
):
    session = _middle(course)
    data = note_data(session, people_was="") | PHQ9_MILD | GAD7_MILD
    response = signed_in.post(
        reverse("sessions:autosave", args=[session.pk]), data, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="grid-phq9" hx-swap-oob="true"' in body and "Saved: total <strong>8</strong>" in body
    saved = {r.instrument: r.total for r in QuestionnaireResponse.objects.filter(session=session)}
    assert saved == {"phq9": 8, "gad7": 7}
    page = signed_in.get(_page(session)).content.decode()
    assert 'name="q-phq9-1"' not in page and 'name="q-gad7-1"' not in page
    # Posting the same answers again does not record them twice.
    signed_in.post(reverse("sessions:autosave", args=[session.pk]), data | {"version": 2})
    assert QuestionnaireResponse.objects.filter(session=session).count() == 2


def test_it_scores_a_partial_grid_live_without_saving_it(signed_in, course):
    session = _middle(course)
    data = note_data(session, people_was="") | {
        "q-phq9-1": "3",
        "q-phq9-2": "2",
        "q-phq9-shown": "1",
    }
    body = signed_in.post(
        reverse("sessions:autosave", args=[session.pk]), data, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert 'id="score-phq9"' in body and "Running total <strong>5</strong>" in body
    assert "2 of 9 items answered" in body
    assert not QuestionnaireResponse.objects.filter(session=session).exists()


def test_a_positive_risk_item_raises_the_flag_and_the_banner_in_the_same_request(signed_in, course):
    session = _middle(course)
    data = note_data(session, people_was="") | PHQ9_MILD | {"q-phq9-9": "2"}
    body = signed_in.post(
        reverse("sessions:autosave", args=[session.pk]), data, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert RiskFlag.objects.filter(course=course, session=session).open().exists()
    assert '<div id="risk-banner" hx-swap-oob="true">' in body
    assert "Open risk flag" in body


@pytest.mark.django_db(transaction=True)
def test_it_autosaves_in_at_most_six_queries_of_its_own(client, therapist, course):
    """The sign-in lookups every request makes (session, user) and the transaction's own
    BEGIN/COMMIT are not the autosave's work; everything else is counted."""
    session = _middle(course)
    client.force_login(therapist)
    url = reverse("sessions:autosave", args=[session.pk])
    # As the page posts it: the focal section's people ticks as loaded (none), unchanged.
    focal = {"fa-role_dispute-dispute_with": "Sam", "fa-role_dispute-people_was": ""}
    client.post(url, note_data(session, people_was="") | focal, HTTP_HX_REQUEST="true")
    session.refresh_from_db()
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            url,
            note_data(session, people_was="", note="More typed.") | focal,
            HTTP_HX_REQUEST="true",
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
    assert Session.objects.get(pk=session.pk).note == "More typed."


@pytest.mark.django_db(transaction=True)
def test_it_autosaves_without_a_savepoint_of_its_own(client, therapist, course):
    """The note row is locked and checked before anything is written, so the writes run in
    the request's one transaction: six round trips in all, the sign-in lookup (session and
    user in one query) included, and the audit chain's head read with the note's row."""
    session = _middle(course)
    client.force_login(therapist)
    url = reverse("sessions:autosave", args=[session.pk])
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            url, note_data(session, people_was="", note="Typed."), HTTP_HX_REQUEST="true"
        )
    assert "Draft saved at" in response.content.decode()
    sql = [q["sql"] for q in queries.captured_queries]
    assert not [q for q in sql if q.startswith("SAVEPOINT")], sql
    assert len(sql) <= 6, sql


def test_it_keeps_the_people_when_their_ticks_did_not_change(signed_in, course):
    session = _middle(course)
    person = factories.make_person(course, name="Sam")
    session.people_involved.set([person])
    data = note_data(session, people_was=str(person.pk), people_involved=[person.pk])
    signed_in.post(reverse("sessions:autosave", args=[session.pk]), data, HTTP_HX_REQUEST="true")
    assert list(Session.objects.get(pk=session.pk).people_involved.all()) == [person]
    data = note_data(session, version=2, people_was=str(person.pk))
    signed_in.post(reverse("sessions:autosave", args=[session.pk]), data, HTTP_HX_REQUEST="true")
    assert list(Session.objects.get(pk=session.pk).people_involved.all()) == []


def test_it_shows_last_sessions_task_in_the_review_and_the_agreed_goals(signed_in, course):
    factories.make_formulation(course)
    session = _middle(course)
    body = signed_in.get(_page(session)).content.decode()
    assert "Task set in session 3" in body and "Ask Sam to help on Saturday" in body
    assert 'data-testid="agreed-goals"' in body
    assert "Say clearly to my partner what I need at weekends" in body


def test_it_lists_what_is_missing_above_the_sign_button(signed_in, course):
    session = _middle(course)
    body = signed_in.get(_page(session)).content.decode()
    assert "No risk question recorded" in body
    assert "PHQ-9 not completed" in body and "GAD-7 not completed" in body
    assert ">Sign the note</button>" in body


def test_a_trainee_signs_and_sends_for_co_signature(client, supervisor):
    trainee = factories.make_therapist(supervisor, is_trainee=True)
    course = factories.make_course(therapist=trainee)
    session = factories.make_session(course)
    client.force_login(trainee)
    assert "Sign and send for co-signature" in client.get(_page(session)).content.decode()


def test_it_signs_from_the_page_saving_what_was_typed_first(signed_in, course):
    session = _middle(course)
    data = note_data(session, people_was="", note="Typed just before signing.")
    response = signed_in.post(
        reverse("sessions:sign", args=[session.pk]), data | {"confirm_sign": "1"}
    )
    assert response.status_code == 302
    saved = Session.objects.get(pk=session.pk)
    assert saved.status == NoteStatus.SIGNED and saved.note == "Typed just before signing."


def test_it_asks_for_the_one_confirmation_and_keeps_the_draft(signed_in, course):
    session = _middle(course)
    data = note_data(session, people_was="", note="Not yet confirmed.")
    response = signed_in.post(reverse("sessions:sign", args=[session.pk]), data)
    assert response.status_code == 400
    assert "tick the confirmation" in response.content.decode()
    saved = Session.objects.get(pk=session.pk)
    assert saved.status == NoteStatus.DRAFT and saved.note == "Not yet confirmed."


def test_it_records_attendance_in_place_and_opens_the_note(signed_in, course):
    planned = scheduled(course)
    day = timezone.localdate() - datetime.timedelta(days=1)  # 09:00 today is future before 9
    data = {"attendance": "attended", "held_on": day, "held_time": "09:00", "duration_minutes": 50}
    response = signed_in.post(
        reverse("sessions:attendance", args=[planned.pk]), data, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="session-page"' in body and 'id="session-note"' in body


def test_it_records_a_missed_appointment_in_place_with_its_reason(signed_in, course):
    planned = scheduled(course)
    data = {
        "attendance": "dna",
        "held_on": timezone.localdate() - datetime.timedelta(days=1),
        "held_time": "09:00",
        "follow_up_action": "Phoned; left a message offering Thursday.",
    }
    body = signed_in.post(
        reverse("sessions:attendance", args=[planned.pk]), data, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert 'data-testid="attendance-recorded"' in body and "Did not attend" in body
    assert "offering Thursday" in body and 'id="session-note"' not in body
    assert Session.objects.get(pk=planned.pk).attendance == Attendance.DID_NOT_ATTEND


def test_the_page_is_refused_to_another_therapist(client, other_therapist, course):
    session = _middle(course)
    client.force_login(other_therapist)
    assert client.get(_page(session)).status_code == 404
    assert client.get(reverse("sessions:record", args=[course.pk])).status_code == 404


def _at(course, day: datetime.date, hour: int = 9):
    when = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))
    return factories.make_session(
        course, attendance=Attendance.SCHEDULED, scheduled_for=when, planned_week=1
    )


def test_record_a_session_opens_todays_appointment(therapist, course, rf):
    from django.template import Context, Template

    today = timezone.localdate()
    _at(course, today - datetime.timedelta(days=14))
    todays = _at(course, today, hour=0)
    request = rf.get("/")
    request.user = therapist
    html = Template("{% load session_panels %}{% course_sessions_panel course %}").render(
        Context({"course": course, "request": request})
    )
    assert f'href="{_page(todays)}">Record a session</a>' in html


def test_record_a_session_without_one_today_offers_the_choice(therapist, course, rf):
    from django.template import Context, Template

    _at(course, timezone.localdate() - datetime.timedelta(days=14))
    request = rf.get("/")
    request.user = therapist
    html = Template("{% load session_panels %}{% course_sessions_panel course %}").render(
        Context({"course": course, "request": request})
    )
    assert f'href="{reverse("sessions:record", args=[course.pk])}">Record a session</a>' in html


def test_record_a_session_offers_the_due_appointments_oldest_first_with_dates(signed_in, course):
    today = timezone.localdate()
    older = _at(course, today - datetime.timedelta(days=14))
    newer = _at(course, today - datetime.timedelta(days=7))
    _at(course, today + datetime.timedelta(days=7))
    response = signed_in.get(reverse("sessions:record", args=[course.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert body.index(_page(older)) < body.index(_page(newer))
    assert older.scheduled_for.strftime("%-d %B %Y") in body
    assert body.count('href="/sessions/') == 2  # the two due; not next week's


def test_the_chooser_costs_the_same_queries_however_many_are_due(signed_in, course):
    url = reverse("sessions:record", args=[course.pk])
    today = timezone.localdate()
    _at(course, today - datetime.timedelta(days=21))
    with CaptureQueriesContext(connection) as one:
        signed_in.get(url)
    for days in (14, 7, 3):
        _at(course, today - datetime.timedelta(days=days))
    with CaptureQueriesContext(connection) as four:
        signed_in.get(url)
    assert len(four) == len(one)


def test_the_page_links_an_svg_favicon_that_is_served(signed_in, course):
    body = signed_in.get(reverse("sessions:record", args=[course.pk])).content.decode()
    assert 'rel="icon" href="/static/favicon.svg"' in body
    from django.contrib.staticfiles import finders

    assert finders.find("favicon.svg")


def test_sessions_does_not_import_supervision():
    import pathlib

    for path in pathlib.Path("sessions").rglob("*.py"):
        text = path.read_text()
        assert "from supervision" not in text and "import supervision" not in text, path


def test_a_stale_save_with_questionnaire_answers_is_a_conflict_that_keeps_them(signed_in, course):
    session = _middle(course)
    url = reverse("sessions:autosave", args=[session.pk])
    signed_in.post(url, note_data(session, people_was="", note="Tab one"), HTTP_HX_REQUEST="true")
    stale = note_data(session, people_was="", note="Tab two") | PHQ9_MILD
    body = signed_in.post(url, stale, HTTP_HX_REQUEST="true").content.decode()
    assert "Saved elsewhere in the meantime" in body
    assert not QuestionnaireResponse.objects.filter(session=session).exists()
    # The full page keeps every answer ticked, and "Keep mine" then saves note and questionnaire.
    page = signed_in.post(_page(session), stale)
    assert page.status_code == 409
    assert 'name="q-phq9-1" value="1" checked' in page.content.decode()
    signed_in.post(_page(session), stale | {"take_over_version": "2"})
    assert Session.objects.get(pk=session.pk).note == "Tab two"
    assert QuestionnaireResponse.objects.filter(session=session, instrument="phq9").exists()


def test_saving_the_whole_form_keeps_a_half_answered_questionnaire_on_the_page(signed_in, course):
    session = _middle(course)
    data = note_data(session, people_was="") | {"q-phq9-1": "2", "q-phq9-shown": "1"}
    response = signed_in.post(_page(session), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="q-phq9-1" value="2" checked' in body
    assert 'name="version" value="2"' in body
    assert "scored once every item is answered" in body
    # Without JavaScript too, the answers are kept for the next time the page is opened.
    assert 'name="q-phq9-1" value="2" checked' in signed_in.get(_page(session)).content.decode()


def test_the_note_page_stops_offering_questionnaires_already_recorded(signed_in, course):
    from tests.measures.factories import make_response

    session = _middle(course)
    make_response(course, "phq9", 8, session=session)
    make_response(course, "gad7", 6, session=session)
    body = signed_in.get(reverse("sessions:detail", args=[session.pk])).content.decode()
    assert "Add PHQ-9" not in body and "Add GAD-7" not in body


def test_it_documents_its_access_keys_on_the_page(signed_in, course):
    body = signed_in.get(_page(_middle(course))).content.decode()
    assert 'accesskey="s">Save draft</button>' in body
    assert 'href="#sign" accesskey="g"' in body and 'accesskey="n"' in body
    assert 'id="access-keys"' in body and "<kbd>S</kbd> save the draft" in body


def test_attendance_errors_reach_the_page_in_place(signed_in, course):
    planned = scheduled(course)
    data = {"attendance": "dna", "held_on": timezone.localdate(), "held_time": "09:00"}
    url = reverse("sessions:attendance", args=[planned.pk])
    response = signed_in.post(url, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200  # htmx swaps only 2xx answers
    assert "note what you will do to follow up" in response.content.decode()
    assert signed_in.post(url, data).status_code == 400
    assert Session.objects.get(pk=planned.pk).attendance == Attendance.SCHEDULED
