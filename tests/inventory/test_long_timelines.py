"""A timeline spanning years (or a date typed with the wrong century) never breaks a page.

Issue 14, F3: an event in 2020 on a 2026 course made the timeline page, its edit view and the
formulation PDF answer 500 for everyone, so the event could not even be removed; a PHQ-9 dated
1800 did the same to every chart.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from inventory.charts import _ticks, timeline_chart
from inventory.models import TimelineEvent
from measures.models import QuestionnaireResponse
from tests import factories
from tests.measures.factories import answers_totalling, make_response

pytestmark = pytest.mark.django_db


def today():
    """Read when a test runs, not at import: a run that crosses midnight stays right."""
    return timezone.localdate()


@pytest.fixture
def long_course(therapist):
    client = factories.make_client(registered_by=therapist, date_of_birth=datetime.date(1980, 5, 2))
    course = factories.make_course(therapist=therapist, client=client)
    factories.make_event(course, occurred_on=datetime.date(2020, 6, 1), description="Lost job")
    factories.make_event(course, occurred_on=today() - datetime.timedelta(days=30), kind="loss")
    factories.make_formulation(course)
    make_response(course, total=14, on=today() - datetime.timedelta(days=7))
    return course


def test_the_timeline_its_edit_view_and_the_pdf_open_with_an_event_years_back(client, long_course):
    client.force_login(long_course.therapist)
    old = long_course.timeline.get(description="Lost job")
    timeline = reverse("inventory:timeline", args=[long_course.pk])
    page = client.get(timeline)
    assert page.status_code == 200
    assert "Lost job" in page.content.decode()
    assert client.get(timeline, {"edit": old.pk}).status_code == 200
    pdf = client.get(reverse("formulation:pdf", args=[long_course.pk]))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    removed = client.post(reverse("inventory:event_remove", args=[long_course.pk, old.pk]))
    assert removed.status_code in (200, 302)
    assert not long_course.timeline.current().filter(pk=old.pk).exists()


@pytest.mark.parametrize(
    ("start", "end", "label"),
    [
        (datetime.date(2026, 1, 10), datetime.date(2026, 2, 20), "%b %Y"),
        (datetime.date(2025, 1, 1), datetime.date(2026, 11, 1), "%b %Y"),
        (datetime.date(2019, 11, 15), datetime.date(2027, 6, 1), "%Y"),
        (datetime.date(1799, 12, 1), datetime.date(2027, 1, 1), "%Y"),
        (datetime.date(1, 1, 1), datetime.date(9999, 12, 31), "%Y"),
    ],
)
def test_ticks_are_few_in_range_and_thinned_to_years_for_long_ranges(start, end, label):
    ticks = _ticks(start, end)
    assert 1 <= len(ticks) <= 10
    assert all(start <= day <= end for day, _ in ticks)
    assert [day for day, _ in ticks] == sorted({day for day, _ in ticks})
    assert all(text == day.strftime(label) for day, text in ticks)


def test_the_chart_draws_any_range_of_dates_without_failing():
    class Event:
        is_mood_marker = False
        kind = "loss"
        month_only = False
        description = "Far apart"
        when_label = "then"

        def __init__(self, day):
            self.occurred_on = day

        def get_kind_display(self):
            return "Loss"

    for first in (datetime.date(1, 1, 1), datetime.date(1800, 1, 1), datetime.date(2020, 6, 1)):
        svg = timeline_chart(
            [Event(first), Event(datetime.date(9999, 12, 31))], [(first, 14, "PHQ-9")]
        )
        assert "<svg" in svg


def test_a_questionnaire_dated_1800_is_refused_keeping_what_was_typed(client, course):
    client.force_login(course.therapist)
    data = {"instrument": "phq9", "completed_on": "1800-01-01"}
    data.update({f"item_{k}": v for k, v in answers_totalling("phq9", 12).items()})
    response = client.post(
        reverse("measures:response_new", args=[course.pk]) + "?instrument=phq9", data
    )
    assert response.status_code == 400  # this view answers an invalid form with 400
    html = response.content.decode()
    assert 'value="1800-01-01"' in html
    assert "is before 1900. Check the year." in html
    assert not QuestionnaireResponse.objects.exists()


def test_a_timeline_event_before_1900_is_refused_even_without_a_birth_date_check(client, course):
    course.client.date_of_birth = datetime.date(1890, 1, 1)  # a typing slip on the client
    course.client.save()
    client.force_login(course.therapist)
    response = client.post(
        reverse("inventory:event_add", args=[course.pk]),
        {"kind": "loss", "occurred_on": "1895-03-01", "description": "Kept text"},
    )
    html = response.content.decode()
    assert "1900" in html and 'value="Kept text"' in html
    assert not TimelineEvent.objects.exists()
