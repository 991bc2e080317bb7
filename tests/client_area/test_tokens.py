"""Every way a link can fail answers the same neutral page, says nothing about the client, and
is audited."""

import datetime

import pytest
from django.test import Client as DjangoClient
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from client_area.models import ClientLink
from client_area.services import revoke_link
from client_area.tokens import new_token, token_hash
from tests import factories
from tests.client_area.links import client_phone, link_for, start_url, verify_device

pytestmark = pytest.mark.django_db


def assert_neutral(response, course):
    html = response.content.decode()
    assert response.status_code == 404
    assert "This link is not working" in html
    client = course.client
    for word in (client.given_name, client.family_name, client.record_number):
        assert word not in html
    assert "Date of birth" not in html


def refusals(reason: str):
    return AuditEvent.objects.filter(action="client_link.refused", detail__reason=reason)


def test_it_keeps_only_a_hash_of_the_token(course):
    link, token = link_for(course)
    assert link.token_hash == token_hash(token)
    assert token not in str(ClientLink.objects.filter(pk=link.pk).values().get())
    assert len(token) >= 43


def test_it_refuses_a_guessed_token(course, client):
    link_for(course)
    response = client.get(start_url(new_token()))
    assert_neutral(response, course)
    assert refusals("unknown_token").count() == 1


def test_it_refuses_an_expired_link(course, client):
    _, token = link_for(course, expires_at=timezone.now() - datetime.timedelta(minutes=1))
    assert_neutral(client.get(start_url(token)), course)
    assert refusals("expired").get().client_id == course.client_id


def test_it_refuses_a_revoked_link_even_on_a_verified_device(course):
    phone, link, token = client_phone(course)
    revoke_link(link, by=course.therapist)
    assert_neutral(phone.get(reverse("client_area:home")), course)
    assert_neutral(phone.get(start_url(token)), course)
    assert refusals("revoked").count() == 2


def test_it_refuses_the_link_once_the_course_has_ended(course):
    phone, _, token = client_phone(course)
    course.status = "ended_early"
    course.end_reason = "dropped_out"
    course.ended_on = timezone.localdate()
    course.save(update_fields=["status", "end_reason", "ended_on"])
    assert_neutral(phone.get(reverse("client_area:home")), course)
    assert refusals("course_closed").exists()


def test_it_stops_an_old_link_when_a_new_one_is_issued(course):
    phone, old, _ = client_phone(course)
    link_for(course)
    old.refresh_from_db()
    assert old.revoked_at is not None
    assert_neutral(phone.get(reverse("client_area:home")), course)


def test_it_does_not_open_another_courses_link_with_this_devices_verification(course):
    phone, _, _ = client_phone(course)
    other_course = factories.make_course(
        therapist=factories.make_therapist(),
        client=factories.make_client(given_name="Morgan", family_name="Otherclient"),
    )
    _, other_token = link_for(other_course)
    response = phone.get(start_url(other_token))
    html = response.content.decode()
    assert response.status_code == 200 and "Date of birth" in html
    assert other_course.client.given_name not in html
    # This client's own date of birth does not open the other client's link.
    dob = course.client.date_of_birth
    if dob == other_course.client.date_of_birth:
        other_course.client.date_of_birth = dob - datetime.timedelta(days=400)
        other_course.client.save(update_fields=["date_of_birth"])
    response = phone.post(
        start_url(other_token), {"day": dob.day, "month": dob.month, "year": dob.year}
    )
    assert response.status_code == 200
    assert other_course.client.given_name not in response.content.decode()
    home = phone.get(reverse("client_area:home")).content.decode()
    assert course.client.given_name in home and other_course.client.given_name not in home


def _wrong(browser, course, token):
    dob = course.client.date_of_birth - datetime.timedelta(days=1)
    return browser.post(start_url(token), {"day": dob.day, "month": dob.month, "year": dob.year})


def test_it_locks_the_link_after_five_wrong_dates_of_birth_and_tells_the_therapist(
    course, client, django_capture_on_commit_callbacks
):
    link, token = link_for(course)
    for _attempt in range(4):
        response = _wrong(client, course, token)
        assert response.status_code == 200
        assert "does not match" in response.content.decode()
    with django_capture_on_commit_callbacks() as callbacks:
        assert_neutral(_wrong(client, course, token), course)
    link.refresh_from_db()
    assert link.dob_failures == 5 and link.locked_at is not None
    assert AuditEvent.objects.filter(action="client_link.locked", client=course.client).exists()
    assert link.notices.get().event == "locked"
    assert callbacks, "the staff email is queued after commit"


def test_it_refuses_a_replayed_date_of_birth_after_lockout(course, client):
    link, token = link_for(course)
    for _ in range(5):
        _wrong(client, course, token)
    fresh = DjangoClient()
    response = fresh.get(start_url(token))
    assert_neutral(response, course)
    # Even the right date of birth no longer opens it.
    verify_response = fresh.post(
        start_url(token),
        {
            "day": course.client.date_of_birth.day,
            "month": course.client.date_of_birth.month,
            "year": course.client.date_of_birth.year,
        },
    )
    assert_neutral(verify_response, course)
    # The fifth wrong try itself, then the two replays.
    assert refusals("locked").count() == 3
    assert ClientLink.objects.get(pk=link.pk).dob_failures == 5


def test_it_audits_a_successful_date_of_birth_and_each_reopening(course):
    phone, link, token = client_phone(course)
    assert AuditEvent.objects.filter(action="client_link.verified", object_id=str(link.pk))
    response = phone.get(start_url(token))
    assert response.status_code == 302 and response["Location"] == reverse("client_area:home")
    assert AuditEvent.objects.filter(action="client_link.open", client=course.client).count() == 1


def test_it_does_not_trust_a_forged_device_cookie(course, settings):
    link, _ = link_for(course)
    browser = DjangoClient()
    browser.cookies[settings.CLIENT_COOKIE_NAME] = f'{{"l": {link.pk}, "v": 1, "s": 1}}'
    assert_neutral(browser.get(reverse("client_area:home")), course)


def test_it_closes_the_pages_after_the_idle_time(course, settings):
    phone, _, token = client_phone(course)
    settings.CLIENT_IDLE_SECONDS = -1
    response = phone.get(reverse("client_area:home"))
    assert response.status_code == 401
    assert course.client.given_name not in response.content.decode()
    settings.CLIENT_IDLE_SECONDS = 600
    # Reopening the link on the same phone goes straight back in, without the date of birth.
    assert phone.get(start_url(token)).status_code == 302
    assert phone.get(reverse("client_area:home")).status_code == 200


def test_it_never_lets_a_staff_sign_in_open_client_pages(course, client):
    link_for(course)
    client.force_login(course.therapist)
    assert_neutral(client.get(reverse("client_area:home")), course)


def test_it_does_not_verify_a_device_for_a_wrong_date(course):
    _, token = link_for(course)
    browser = DjangoClient()
    _wrong(browser, course, token)
    assert_neutral(browser.get(reverse("client_area:home")), course)
    verify_device(browser, course, token)
    assert browser.get(reverse("client_area:home")).status_code == 200
