"""Progress marks on the agreed goals (issue 16, point 5): offered at the midpoint and in
termination, saved with the note, part of the signed note, compared in the conflict view and
printed over time in the end-of-treatment letter."""

import datetime

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models.courses import CourseStatus
from cases.phases import midpoint_session, reviews_goals
from sessions import services
from sessions.goal_progress import GoalProgress
from sessions.models import Session
from tests import factories
from tests.measures.test_documents import pdf_text
from tests.sessions.conftest import note_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, therapist):
    client.force_login(therapist)
    return client


def _sessions(course, count):
    return [factories.make_session(course, note="x") for _ in range(count)]


def _autosave(client, session, **data):
    return client.post(
        reverse("sessions:autosave", args=[session.pk]),
        note_data(session, people_was="") | data,
        HTTP_HX_REQUEST="true",
    )


@pytest.mark.parametrize(
    ("planned", "midpoint"), [(1, None), (2, None), (3, 2), (8, 4), (12, 6), (16, 8), (40, 20)]
)
def test_it_puts_the_midpoint_in_the_middle_phase_at_half_the_course(planned, midpoint):
    assert midpoint_session(planned) == midpoint


def test_it_reviews_goals_at_the_midpoint_and_in_termination_only():
    assert [n for n in range(1, 15) if reviews_goals(n, 12)] == [6, 10, 11, 12, 13, 14]


def test_it_offers_the_marks_only_in_the_sessions_that_review_the_goals(signed_in, course):
    factories.make_formulation(course)
    sessions = _sessions(course, 13)  # course of 16: midpoint 8, termination 13-16
    offered = [
        s.number
        for s in sessions
        if 'name="goal-1"' in signed_in.get(reverse("sessions:edit", args=[s.pk])).content.decode()
    ]
    assert offered == [8, 13]
    body = signed_in.get(reverse("sessions:edit", args=[sessions[7].pk])).content.decode()
    assert '<label for="id_goal-2">Progress on goal 2</label>' in body
    assert 'name="goals_was" id="goals-was" value="1:,2:"' in body
    assert "Much progress" in body


def test_it_saves_the_marks_with_the_autosave_and_shows_them_on_the_note(signed_in, course):
    factories.make_formulation(course)
    session = _sessions(course, 13)[-1]
    response = _autosave(
        signed_in, session, **{"goals_was": "1:,2:", "goal-1": "much", "goal-2": ""}
    )
    assert response.status_code == 200
    assert 'name="goals_was" id="goals-was" value="1:much,2:" hx-swap-oob="true"' in (
        response.content.decode()
    )
    row = GoalProgress.objects.get(session=session)
    assert (row.goal_number, row.mark) == (1, "much")
    assert row.goal_text == "Say clearly to my partner what I need at weekends"
    page = signed_in.get(reverse("sessions:edit", args=[session.pk])).content.decode()
    assert '<option value="much" selected>' in page
    detail = signed_in.get(reverse("sessions:detail", args=[session.pk])).content.decode()
    assert 'data-testid="goal-marks"' in detail and "<dd>Much progress</dd>" in detail


@pytest.mark.django_db(transaction=True)
def test_unchanged_marks_cost_the_autosave_nothing(client, therapist, course):
    factories.make_formulation(course)
    session = _sessions(course, 13)[-1]
    client.force_login(therapist)
    _autosave(client, session, **{"goals_was": "1:,2:", "goal-1": "some", "goal-2": ""})
    session.refresh_from_db()
    with CaptureQueriesContext(connection) as queries:
        response = _autosave(
            client,
            session,
            note="More.",
            **{"goals_was": "1:some,2:", "goal-1": "some", "goal-2": ""},
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
    assert not any("goalprogress" in sql for sql in own)


def test_a_signed_note_keeps_its_marks_and_the_database_refuses_a_change(signed_in, course):
    factories.make_formulation(course)
    session = _sessions(course, 13)[-1]
    _autosave(signed_in, session, **{"goals_was": "1:,2:", "goal-1": "", "goal-2": "achieved"})
    services.sign_session(Session.objects.get(pk=session.pk), course.therapist)
    row = GoalProgress.objects.get(session=session)
    row.mark = "some"
    with pytest.raises(DatabaseError), transaction.atomic():
        row.save()
    assert GoalProgress.objects.get(pk=row.pk).mark == "achieved"


def test_a_stale_save_with_other_marks_is_a_conflict_shown_side_by_side(signed_in, course):
    factories.make_formulation(course)
    session = _sessions(course, 13)[-1]
    _autosave(signed_in, session, **{"goals_was": "1:,2:", "goal-1": "some", "goal-2": ""})
    # The second tab still holds version 1 and marks the same goal otherwise.
    response = _autosave(
        signed_in, session, **{"goals_was": "1:,2:", "goal-1": "achieved", "goal-2": ""}
    )
    body = response.content.decode()
    assert "Saved elsewhere in the meantime" in body
    assert "Progress on goal 1" in body and "Some progress" in body and "Achieved" in body
    assert GoalProgress.objects.get(session=session).mark == "some"


def test_the_summary_letter_shows_each_goal_s_marks_over_time(client, therapist, tmp_path):
    course = factories.make_course(
        therapist=therapist,
        planned_sessions=12,
        start_date=datetime.date.today() - datetime.timedelta(weeks=13),
    )
    factories.make_formulation(course)
    sessions = _sessions(course, 12)
    for session, mark in ((sessions[5], "much"), (sessions[11], "achieved")):
        GoalProgress.objects.create(
            session=session,
            goal_number=1,
            goal_text="Say clearly to my partner what I need at weekends",
            mark=mark,
        )
    course.status = CourseStatus.COMPLETED
    course.save()
    client.force_login(therapist)
    text = pdf_text(client.get(reverse("measures:summary_pdf", args=[course.pk])).content, tmp_path)
    flat = " ".join(text.split())
    assert "Progress: much progress (session 6), achieved (session 12)" in flat
