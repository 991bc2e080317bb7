"""Marking the inventory complete takes the clinical date: the session's day, not the click's."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from inventory import services
from inventory.models import InventoryCompletion
from tests import factories

pytestmark = pytest.mark.django_db


def today():
    """Read when a test runs, not at import: a run that crosses midnight stays right."""
    return timezone.localdate()


@pytest.fixture
def course(therapist):
    course = factories.make_course(
        therapist=therapist, start_date=today() - datetime.timedelta(weeks=6)
    )
    for _ in range(3):
        factories.make_person(course)
    return course


@pytest.fixture
def signed_in(client, course):
    client.force_login(course.therapist)
    return client


def complete(client, course, day, reason=""):
    return client.post(
        reverse("inventory:complete", args=[course.pk]),
        {"completed_on": day if isinstance(day, str) else day.isoformat(), "reason": reason},
    )


def test_it_records_the_day_given_and_keeps_the_day_of_the_click_in_the_audit_trail(
    signed_in, course
):
    session_day = today() - datetime.timedelta(weeks=4)
    response = complete(signed_in, course, session_day)
    assert response.status_code == 302
    assert InventoryCompletion.objects.get(course=course).completed_on == session_day
    event = AuditEvent.objects.get(action="inventory.complete")
    assert event.detail["completed_on"] == session_day.isoformat()
    assert timezone.localdate(event.at) == today()


def test_it_offers_today_by_default(signed_in, course):
    html = signed_in.get(reverse("inventory:page", args=[course.pk])).content.decode()
    assert 'name="completed_on"' in html and f'value="{today().isoformat()}"' in html
    assert "Completed with the client on" in html


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (today() + datetime.timedelta(days=1), "This date is in the future."),
        (today() - datetime.timedelta(weeks=7), "cannot be completed before the course started"),
    ],
)
def test_it_refuses_a_date_in_the_future_or_before_the_course_and_changes_nothing(
    signed_in, course, day, message
):
    earlier = factories.complete_inventory(
        course, completed_on=today() - datetime.timedelta(weeks=5)
    )
    response = complete(signed_in, course, day, reason="Typed and kept")
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert f'value="{day.isoformat()}"' in html  # what was typed is kept
    assert InventoryCompletion.objects.get(course=course).completed_on == earlier.completed_on
    assert not AuditEvent.objects.filter(action="inventory.complete").exists()


def test_it_refuses_a_date_that_is_not_a_date(signed_in, course):
    response = complete(signed_in, course, "31/02/2026")
    assert response.status_code == 200
    assert "Enter a valid date." in response.content.decode()
    assert not InventoryCompletion.objects.filter(course=course).exists()


def test_the_service_refuses_a_future_date_too(course):
    with pytest.raises(services.InventoryDateError):
        services.complete_inventory(
            course, course.therapist, completed_on=today() + datetime.timedelta(days=1)
        )
    assert not InventoryCompletion.objects.filter(course=course).exists()
