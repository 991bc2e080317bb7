"""The session note and the measures app: risk ratings raise flags; questionnaires in the form."""

import pytest
from django.urls import reverse

from measures.models import RiskFlag, RiskLevel
from tests import factories
from tests.measures.factories import make_response
from tests.sessions.conftest import note_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(course):
    return factories.make_session(course)


def test_it_opens_a_flag_when_the_note_rates_risk_high(client, therapist, session):
    client.force_login(therapist)
    response = client.post(
        reverse("sessions:edit", args=[session.pk]), note_data(session, risk_level="high")
    )
    assert response.status_code == 302
    flag = RiskFlag.objects.open().get()
    assert (flag.course, flag.session, flag.level) == (session.course, session, RiskLevel.HIGH)
    page = client.get(reverse("sessions:edit", args=[session.pk])).content.decode()
    assert "Ordinary IPT work pauses" in page


def test_it_keeps_one_flag_across_autosaves(client, therapist, session):
    client.force_login(therapist)
    url = reverse("sessions:autosave", args=[session.pk])
    client.post(url, note_data(session, risk_level="moderate"), HTTP_HX_REQUEST="true")
    session.refresh_from_db()
    client.post(url, note_data(session, risk_level="moderate", note="more"), HTTP_HX_REQUEST="true")
    assert RiskFlag.objects.count() == 1
    assert RiskFlag.objects.get().level == RiskLevel.MODERATE


def test_it_opens_no_flag_for_a_low_rating(client, therapist, session):
    client.force_login(therapist)
    client.post(reverse("sessions:edit", args=[session.pk]), note_data(session, risk_level="low"))
    assert not RiskFlag.objects.exists()


def test_it_lists_the_session_s_questionnaires_in_the_note_form(client, therapist, session):
    """Issue 16: recorded ones show their result; the others are answered in place."""
    make_response(session.course, "phq9", 11, session=session)
    client.force_login(therapist)
    page = client.get(reverse("sessions:edit", args=[session.pk])).content.decode()
    assert 'data-testid="grid-phq9"' in page
    assert "Saved: total <strong>11</strong> (moderate)" in page
    assert 'name="q-gad7-1"' in page and 'name="q-phq9-1"' not in page
    assert reverse("measures:response_new", args=[session.course.pk]) not in page


def test_it_lists_the_session_s_questionnaires_on_the_note_page(client, supervisor, session):
    make_response(session.course, "gad7", 9, session=session)
    client.force_login(supervisor)
    page = client.get(reverse("sessions:detail", args=[session.pk])).content.decode()
    assert "<strong>9</strong> (mild)" in page
    assert reverse("measures:response_new", args=[session.course.pk]) not in page
