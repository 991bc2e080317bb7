import datetime
import sys
import types

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def test_it_draws_outcome_scores_from_the_measures_app_when_present(client, course, monkeypatch):
    factories.make_event(course, description="Row", occurred_on=datetime.date(2026, 5, 1))
    fake = types.ModuleType("measures.timeline")
    fake.timeline_scores = lambda c: (
        [(datetime.date(2026, 5, 10), 19, "PHQ-9"), (datetime.date(2026, 6, 10), 11, "PHQ-9")],
        "PHQ-9",
        27,
    )
    monkeypatch.setitem(sys.modules, "measures.timeline", fake)
    client.force_login(course.therapist)
    html = client.get(reverse("inventory:timeline", args=[course.pk])).content.decode()
    assert "<polyline" in html and "PHQ-9 (0–27)" in html


def test_it_draws_no_score_band_without_the_measures_app(client, course):
    factories.make_event(course, description="Row")
    client.force_login(course.therapist)
    html = client.get(reverse("inventory:timeline", args=[course.pk])).content.decode()
    assert "<polyline" not in html
