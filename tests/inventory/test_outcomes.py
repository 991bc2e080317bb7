import datetime

import pytest
from django.urls import reverse

from cases import ports
from tests import factories
from tests.measures.factories import make_response

pytestmark = pytest.mark.django_db


def test_it_draws_the_scores_measures_registers_under_the_timeline(client, course):
    factories.make_event(course, description="Row", occurred_on=datetime.date(2026, 5, 1))
    make_response(course, "phq9", 19, on=datetime.date(2026, 5, 10))
    make_response(course, "phq9", 11, on=datetime.date(2026, 6, 10))
    client.force_login(course.therapist)
    html = client.get(reverse("inventory:timeline", args=[course.pk])).content.decode()
    assert "<polyline" in html and "PHQ-9 (0–27)" in html


def test_it_reads_the_scores_through_the_port_not_by_importing_measures(
    client, course, monkeypatch
):
    factories.make_event(course, description="Row", occurred_on=datetime.date(2026, 5, 1))
    reader = lambda c: (  # noqa: E731
        [(datetime.date(2026, 5, 10), 19, "Score"), (datetime.date(2026, 6, 10), 11, "Score")],
        "Mood scale",
        30,
    )
    monkeypatch.setitem(ports._registered, "timeline_scores", reader)
    client.force_login(course.therapist)
    html = client.get(reverse("inventory:timeline", args=[course.pk])).content.decode()
    assert "<polyline" in html and "Mood scale (0–30)" in html


def test_it_draws_no_score_band_without_the_measures_app(client, course):
    factories.make_event(course, description="Row")
    client.force_login(course.therapist)
    html = client.get(reverse("inventory:timeline", args=[course.pk])).content.decode()
    assert "<polyline" not in html
