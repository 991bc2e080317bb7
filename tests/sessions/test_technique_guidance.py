"""Guidance beside each IPT technique on the session note: purpose, when to use it, caution."""

import re

import pytest
from django.template import Context, Template
from django.urls import reverse

from sessions.models import Session
from sessions.technique_guidance import GUIDANCE
from sessions.techniques import TECHNIQUES
from tests.sessions.conftest import note_data

pytestmark = pytest.mark.django_db


def test_it_has_guidance_for_every_technique_in_the_catalogue_and_no_other():
    assert set(GUIDANCE) == {code for code, _ in TECHNIQUES}


@pytest.mark.parametrize("code", [code for code, _ in TECHNIQUES])
def test_it_gives_each_technique_a_purpose_a_time_to_use_it_and_a_caution(code):
    guide = GUIDANCE[code]
    for part in (guide.purpose, guide.when, guide.caution):
        assert len(part.split()) >= 8, f"{code}: guidance too thin: {part!r}"


def test_it_renders_nothing_for_a_code_without_guidance():
    html = Template("{% load technique_help %}{% technique_help 'no_such_technique' %}").render(
        Context()
    )
    assert html.strip() == ""


def test_it_shows_the_guidance_beside_each_technique_on_the_note(client, therapist, session):
    client.force_login(therapist)
    body = client.get(reverse("sessions:edit", args=[session.pk])).content.decode()
    items = re.findall(r"<li><label><input[^>]*name=\"techniques\"[^>]*>.*?</li>", body, re.S)
    assert len(items) == len(TECHNIQUES)
    for (code, label), item in zip(TECHNIQUES, items, strict=True):
        assert f'value="{code}"' in item
        assert f'<details class="technique-help" data-technique="{code}">' in item
        assert f'<span class="visually-hidden"> {label.lower()}</span>' in item  # named summary
        guide = GUIDANCE[code]
        for part in (guide.purpose, guide.when, guide.caution):
            assert part.replace("'", "&#x27;") in item


def test_it_still_saves_the_ticked_techniques(client, therapist, session):
    client.force_login(therapist)
    data = note_data(session, techniques=["decision_analysis", "termination_work"])
    assert client.post(reverse("sessions:edit", args=[session.pk]), data).status_code == 302
    saved = Session.objects.get(pk=session.pk)
    assert saved.techniques == ["decision_analysis", "termination_work"]
