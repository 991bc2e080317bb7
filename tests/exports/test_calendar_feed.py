"""The therapist's calendar feed: parsed by the library, updated on a move, nothing clinical."""

import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from audit.models import AuditEvent
from cases.services.courses import sync_schedule
from exports.models import CalendarFeed, token_hash
from exports.services import revoke_calendar_feed, turn_on_calendar_feed
from sessions.booking import move_appointment
from sessions.models import Attendance
from tests import factories
from tests.exports.builders import full_course

pytestmark = pytest.mark.django_db


def _events(client, token):
    response = client.get(f"/calendar/{token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar"
    return {str(e["uid"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}


def _booked_course(therapist, **fields):
    course = factories.make_course(
        therapist=therapist, start_date=timezone.localdate() + datetime.timedelta(days=3), **fields
    )
    sync_schedule(course)
    return course


def test_it_stores_only_the_hash_of_the_token(therapist):
    token = turn_on_calendar_feed(therapist)
    feed = CalendarFeed.objects.get(therapist=therapist)
    assert feed.token_hash == token_hash(token) and token not in feed.token_hash
    assert len(token) >= 40


def test_it_lists_the_therapists_appointments_and_no_one_elses(client, therapist, other_therapist):
    course = _booked_course(therapist)
    _booked_course(other_therapist)
    events = _events(client, turn_on_calendar_feed(therapist))
    assert len(events) == course.sessions.count() == 16
    first = course.sessions.order_by("scheduled_for").first()
    event = events[f"appointment-{first.pk}@ipt-course.invalid"]
    assert event.decoded("dtstart") == first.scheduled_for
    assert event["sequence"] == 0 and str(event["status"]) == "CONFIRMED"


def test_it_updates_a_moved_appointment_under_the_same_uid(client, therapist):
    course = _booked_course(therapist)
    token = turn_on_calendar_feed(therapist)
    appointment = course.sessions.get(planned_week=2)
    uid = f"appointment-{appointment.pk}@ipt-course.invalid"
    assert _events(client, token)[uid]["sequence"] == 0
    new_time = appointment.scheduled_for + datetime.timedelta(days=1, hours=2)
    move_appointment(therapist, appointment, new_time)
    event = _events(client, token)[uid]
    assert event.decoded("dtstart") == new_time
    assert event["sequence"] == 1
    move_appointment(therapist, appointment, new_time + datetime.timedelta(hours=1))
    assert _events(client, token)[uid]["sequence"] == 2


def test_it_marks_a_cancelled_appointment_cancelled_with_a_higher_sequence(client, therapist):
    course = _booked_course(therapist)
    token = turn_on_calendar_feed(therapist)
    appointment = course.sessions.get(planned_week=3)
    appointment.attendance = Attendance.CANCELLED_CLINIC
    appointment.save()
    event = _events(client, token)[f"appointment-{appointment.pk}@ipt-course.invalid"]
    assert str(event["status"]) == "CANCELLED" and event["sequence"] == 1


def test_it_leaks_nothing_clinical_in_any_event(client, therapist):
    course = full_course(therapist, weeks_ago=2)
    client_record = course.client
    client_record.given_name, client_record.family_name = "Zelda", "Quartermaine"
    client_record.save()
    sync_schedule(course)
    session = course.sessions.attended().first()
    session.note = "Discussed the dispute with her mother in detail"
    session.save()
    events = _events(client, turn_on_calendar_feed(therapist))
    assert events
    forbidden = [
        "Zelda",
        "Quartermaine",
        course.diagnosis,
        course.icd11_code,
        "dispute",
        "mother",
        "risk",
        "PHQ",
        "depress",
        client_record.date_of_birth.isoformat(),
    ]
    for event in events.values():
        text = event.to_ical().decode()
        assert f"Z.Q. {client_record.record_number}" in str(event["summary"])
        for word in forbidden:
            assert word.lower() not in text.lower(), f"{word!r} leaked into {text}"
        assert set(event.keys()) <= {
            "UID",
            "DTSTAMP",
            "DTSTART",
            "DTEND",
            "SUMMARY",
            "SEQUENCE",
            "STATUS",
            "CLASS",
            "TRANSP",
        }


def test_it_answers_404_once_revoked_or_replaced(client, therapist):
    _booked_course(therapist)
    old = turn_on_calendar_feed(therapist)
    new = turn_on_calendar_feed(therapist)
    assert client.get(f"/calendar/{old}.ics").status_code == 404
    assert client.get(f"/calendar/{new}.ics").status_code == 200
    revoke_calendar_feed(therapist)
    assert client.get(f"/calendar/{new}.ics").status_code == 404
    assert client.get("/calendar/not-a-token.ics").status_code == 404


def test_it_audits_each_read(client, therapist):
    _booked_course(therapist)
    _events(client, turn_on_calendar_feed(therapist))
    assert AuditEvent.objects.filter(action="calendar.feed_read").count() == 1
    assert AuditEvent.objects.filter(action="calendar.feed_on", actor=therapist).count() == 1


def test_it_reads_the_feed_in_a_fixed_number_of_queries(
    client, therapist, django_assert_max_num_queries
):
    _booked_course(therapist)
    token = turn_on_calendar_feed(therapist)
    with django_assert_max_num_queries(12):
        _events(client, token)


# The settings page -------------------------------------------------------------------------


def test_it_shows_the_new_address_once_after_turning_on(client, therapist):
    client.force_login(therapist)
    page = client.get("/calendar/")
    assert b"The feed is off." in page.content
    response = client.post("/calendar/turn-on/", {"confirm": "yes"})
    assert response.status_code == 200
    feed = CalendarFeed.objects.live().get(therapist=therapist)
    url = response.context["feed_url"]
    assert url.endswith(".ics") and token_hash(url.rsplit("/", 1)[1][:-4]) == feed.token_hash
    assert url.encode() not in client.get("/calendar/").content


def test_it_turns_the_feed_off(client, therapist):
    turn_on_calendar_feed(therapist)
    client.force_login(therapist)
    assert client.post("/calendar/turn-off/", {"confirm": "yes"}).status_code == 302
    assert not CalendarFeed.objects.live().exists()


@pytest.mark.parametrize("who", ["supervisor", "service_admin"])
def test_it_is_a_404_for_people_without_appointments(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get("/calendar/").status_code == 404
    assert client.post("/calendar/turn-on/", {"confirm": "yes"}).status_code == 404
    assert not CalendarFeed.objects.exists()


def test_it_sends_a_signed_out_visitor_to_sign_in(client):
    response = client.post("/calendar/turn-on/", {"confirm": "yes"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_links_the_feed_from_the_account_page(client, therapist):
    client.force_login(therapist)
    page = client.get("/accounts/sessions/")
    assert b'href="/calendar/"' in page.content


def test_it_changes_nothing_on_a_post_without_the_button(client, therapist):
    client.force_login(therapist)
    assert client.post("/calendar/turn-on/", {"other": "x"}).status_code == 400
    assert not CalendarFeed.objects.exists()
    turn_on_calendar_feed(therapist)
    assert client.post("/calendar/turn-off/").status_code == 400
    assert CalendarFeed.objects.live().count() == 1
