"""IPSRT's middle-phase note: the social rhythm review on the one-page session."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from measures.rhythm_models import SocialRhythmDay
from sessions.models import Session
from tests import factories
from tests.sessions.conftest import note_data

pytestmark = pytest.mark.django_db


def _middle(course):
    for _ in range(3):
        factories.make_session(course, next_task="Ask Sam to help on Saturday", note="x")
    return factories.make_session(course)


@pytest.fixture
def ipsrt(therapist):
    return factories.make_course(therapist=therapist, adaptation="ipsrt")


def _record_week(course, by, start, up: datetime.time):
    for day in range(7):
        SocialRhythmDay.objects.create(
            course=course,
            day=start + datetime.timedelta(days=day),
            out_of_bed=up if day != 6 else datetime.time(11, 0),
            out_of_bed_with="alone",
            to_bed=datetime.time(23, 0),
            to_bed_with="present",
            entered_by=by,
        )


def test_it_shows_the_rhythm_review_with_the_weeks_scores_in_an_ipsrt_middle_session(
    client, therapist, ipsrt
):
    start = timezone.localdate() - datetime.timedelta(days=20)
    _record_week(ipsrt, therapist, start, datetime.time(7, 0))
    session = _middle(ipsrt)
    client.force_login(therapist)
    body = client.get(reverse("sessions:edit", args=[session.pk])).content.decode()
    assert 'data-testid="rhythm-review"' in body
    assert 'name="rhythm_review"' in body and 'name="rhythm_goal"' in body
    # Out of bed: mean 7:34, Sunday's 11:00 misses: 6 hits; to bed 7 hits: (6 + 7) / 2 = 6.5.
    assert "<strong>6.5</strong>" in body


def test_it_leaves_the_rhythm_review_out_of_other_courses_and_other_phases(
    client, therapist, course, ipsrt
):
    client.force_login(therapist)
    standard = _middle(course)
    first = factories.make_session(ipsrt)
    for session in (standard, first):
        body = client.get(reverse("sessions:edit", args=[session.pk])).content.decode()
        assert 'data-testid="rhythm-review"' not in body


def test_it_autosaves_the_rhythm_review_in_at_most_six_queries_of_its_own(client, therapist, ipsrt):
    session = _middle(ipsrt)
    client.force_login(therapist)
    url = reverse("sessions:autosave", args=[session.pk])
    client.post(url, note_data(session, people_was=""), HTTP_HX_REQUEST="true")
    session.refresh_from_db()
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            url,
            note_data(
                session,
                people_was="",
                rhythm_review="Bed time drifted past 1am on two nights after late shifts.",
                rhythm_goal="In bed by 23:30 every night.",
            ),
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
    saved = Session.objects.get(pk=session.pk)
    assert saved.rhythm_goal == "In bed by 23:30 every night."
    detail = client.get(reverse("sessions:detail", args=[session.pk])).content.decode()
    assert "Bed time drifted past 1am" in detail


def test_a_signature_freezes_the_rhythm_review():
    from sessions.protection import FROZEN_NOTE_COLUMNS

    assert {"rhythm_review", "rhythm_goal"} <= set(FROZEN_NOTE_COLUMNS)
