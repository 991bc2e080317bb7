import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from inventory.charts import ScorePoint, timeline_chart
from inventory.models import TimelineEvent
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, course):
    client.force_login(course.therapist)
    return client


def test_it_adds_an_event_with_the_people_involved(signed_in, course):
    dan = factories.make_person(course, name="Dan")
    response = signed_in.post(
        reverse("inventory:event_add", args=[course.pk]),
        {"kind": "conflict", "occurred_on": "2026-05-10", "description": "Row", "people": [dan.pk]},
    )
    assert response.status_code == 302
    event = TimelineEvent.objects.get()
    assert list(event.people.all()) == [dan]
    assert AuditEvent.objects.filter(action="timeline.add").exists()


def test_it_refuses_an_event_before_the_client_was_born(signed_in, course):
    response = signed_in.post(
        reverse("inventory:event_add", args=[course.pk]),
        {"kind": "loss", "occurred_on": "1960-03-01", "description": "Father died"},
    )
    html = response.content.decode()
    assert "before the client was born" in html
    assert 'value="Father died"' in html
    assert not TimelineEvent.objects.exists()


def test_it_refuses_a_future_event(signed_in, course):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = signed_in.post(
        reverse("inventory:event_add", args=[course.pk]),
        {"kind": "other", "occurred_on": tomorrow.isoformat(), "description": "Trip"},
    )
    assert "not a future date" in response.content.decode()


def test_it_keeps_only_the_month_when_the_day_is_unknown(signed_in, course):
    signed_in.post(
        reverse("inventory:event_add", args=[course.pk]),
        {
            "kind": "mood_onset",
            "occurred_on": "2026-04-17",
            "month_only": "on",
            "description": "Low",
        },
    )
    event = TimelineEvent.objects.get()
    assert event.occurred_on == datetime.date(2026, 4, 1)
    assert event.when_label == "April 2026"


def test_it_keeps_people_off_mood_markers(signed_in, course):
    dan = factories.make_person(course, name="Dan")
    response = signed_in.post(
        reverse("inventory:event_add", args=[course.pk]),
        {
            "kind": "mood_worsening",
            "occurred_on": "2026-04-17",
            "description": "Worse",
            "people": [dan.pk],
        },
    )
    assert "A mood marker is about the client" in response.content.decode()


def test_it_edits_and_softly_removes_an_event(signed_in, course):
    event = factories.make_event(course, description="Row")
    signed_in.post(
        reverse("inventory:event_edit", args=[course.pk, event.pk]),
        {"kind": "conflict", "occurred_on": "2026-05-11", "description": "Big row", "version": 1},
    )
    event.refresh_from_db()
    assert (event.description, event.version) == ("Big row", 2)
    signed_in.post(reverse("inventory:event_remove", args=[course.pk, event.pk]))
    event.refresh_from_db()
    assert event.removed_at is not None
    assert (
        "Big row"
        not in signed_in.get(reverse("inventory:timeline", args=[course.pk])).content.decode()
    )


def test_it_refuses_a_stale_event_edit(signed_in, course):
    event = factories.make_event(course, description="Row")
    TimelineEvent.objects.filter(pk=event.pk).update(version=3)
    response = signed_in.post(
        reverse("inventory:event_edit", args=[course.pk, event.pk]),
        {"kind": "conflict", "occurred_on": "2026-05-11", "description": "Mine", "version": 1},
    )
    assert "Someone else changed this record" in response.content.decode()
    event.refresh_from_db()
    assert event.description == "Row"


def test_it_serves_the_event_form_to_htmx(signed_in, course):
    event = factories.make_event(course, description="Row")
    response = signed_in.get(
        reverse("inventory:timeline", args=[course.pk]), {"edit": event.pk}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<form id="event-form"') and 'value="Row"' in html


def test_it_draws_events_above_and_mood_below(course):
    events = [
        factories.make_event(course, description="Row", occurred_on=datetime.date(2026, 5, 1)),
        factories.make_event(
            course, kind="mood_onset", description="Low", occurred_on=datetime.date(2026, 5, 9)
        ),
    ]
    svg = str(timeline_chart(events))
    assert 'role="img"' in svg and "Row" in svg and "onset: Low" in svg
    assert "<polyline" not in svg
    with_scores = str(
        timeline_chart(
            events,
            [
                ScorePoint(datetime.date(2026, 5, 20), 18, "PHQ-9"),
                (datetime.date(2026, 6, 20), 9, "PHQ-9"),
            ],
            score_name="PHQ-9",
        )
    )
    assert "<polyline" in with_scores and "PHQ-9 (0–27)" in with_scores


def test_it_lists_many_events_in_as_many_queries_as_one(
    signed_in, course, django_assert_num_queries
):
    person = factories.make_person(course)
    factories.make_event(course, people=[person])
    url = reverse("inventory:timeline", args=[course.pk])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        signed_in.get(url)
    for _ in range(7):
        factories.make_event(course, people=[person])
    with django_assert_num_queries(len(one.captured_queries)):
        signed_in.get(url)
