"""Sharing a formulation takes the clinical date; a bad date is a form error that changes nothing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from inventory.models import Formulation
from tests import factories

pytestmark = pytest.mark.django_db


def today():
    """Read when a test runs, not at import: a run that crosses midnight stays right."""
    return timezone.localdate()


START = today() - datetime.timedelta(weeks=6)


@pytest.fixture
def course(therapist):
    course = factories.make_course(therapist=therapist, start_date=START)
    factories.complete_inventory(course, completed_on=START + datetime.timedelta(weeks=2))
    factories.make_formulation(course)
    return course


@pytest.fixture
def signed_in(client, course):
    client.force_login(course.therapist)
    return client


def share(client, course, day):
    return client.post(
        reverse("formulation:share", args=[course.pk]),
        {
            "shared_on": day.isoformat(),
            "client_agreed": "on",
            "client_words": "I get low when we row, and I stop asking for help.",
        },
    )


def test_it_records_the_day_of_the_session_it_was_shared_in(signed_in, course):
    day = START + datetime.timedelta(weeks=2)  # the same day as the inventory: allowed
    assert share(signed_in, course, day).status_code == 302
    assert Formulation.objects.get(course=course).shared_on == day
    assert AuditEvent.objects.filter(action="formulation.share").exists()


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (today() + datetime.timedelta(days=1), "not a future date"),
        (START - datetime.timedelta(days=1), "cannot be shared before the course started"),
        (START + datetime.timedelta(weeks=1), "The inventory was completed on"),
    ],
    ids=["future", "before-the-course", "before-the-inventory"],
)
def test_it_refuses_a_bad_date_at_the_field_keeps_the_input_and_changes_nothing(
    signed_in, course, day, message
):
    response = share(signed_in, course, day)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert response.context["share_form"].errors["shared_on"]
    assert f'value="{day.isoformat()}"' in html
    assert "I get low when we row, and I stop asking for help." in html
    formulation = Formulation.objects.get(course=course)
    assert formulation.shared_on is None and formulation.version == 1
    assert not AuditEvent.objects.filter(action="formulation.share").exists()
