"""The end-of-treatment letter prints the latest gains review once (issue 16)."""

import pytest
from django.urls import reverse

from ipt_site.pages.summary import summary_context
from tests import factories

pytestmark = pytest.mark.django_db


def test_it_prints_the_latest_gains_review_once_leaving_out_near_copies(course, therapist):
    for _ in range(12):
        factories.make_session(course)
    for number, text in (
        (13, "Sleep and mood better; arguments fewer."),
        (14, "Sleep and mood better; arguments fewer and shorter."),
        (15, "Sleep and mood better; arguments fewer and much shorter."),
    ):
        factories.make_session(course, number=number, gains_reviewed=text)
    letter = summary_context(course, by=therapist)["what_changed"]
    assert letter == "Sleep and mood better; arguments fewer and much shorter."


def test_it_keeps_an_earlier_review_that_says_something_else(course, therapist):
    factories.make_session(course, gains_reviewed="Went back to choir; sees her sister weekly.")
    factories.make_session(course, gains_reviewed="Sleep better; fewer arguments at home.")
    letter = summary_context(course, by=therapist)["what_changed"]
    assert letter.startswith("Sleep better; fewer arguments at home.")
    assert letter.endswith("Went back to choir; sees her sister weekly.")


def test_cancel_on_a_questionnaire_opened_from_a_note_goes_back_to_the_note(
    client, therapist, course
):
    session = factories.make_session(course)
    note = reverse("sessions:edit", args=[session.pk])
    client.force_login(therapist)
    url = reverse("measures:response_new", args=[course.pk])
    body = client.get(url, {"instrument": "phq9", "session": session.pk, "next": note})
    assert f'href="{note}">Cancel</a>' in body.content.decode()
    outside = client.get(url, {"instrument": "phq9", "next": "https://example.org/"})
    assert reverse("measures:course_measures", args=[course.pk]) + '">Cancel' in (
        outside.content.decode()
    )
