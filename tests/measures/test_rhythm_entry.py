"""Entering a week of the social rhythm record: one form for 7 days x 5 anchors."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from measures.rhythm_forms import field_name
from measures.rhythm_models import SocialRhythmDay
from measures.rhythm_services import week_days, week_token
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def ipsrt(therapist):
    return factories.make_course(therapist=therapist, adaptation="ipsrt")


def _url(course):
    return reverse("measures:rhythm_week", args=[course.pk])


def _start() -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=13)


def sheet(course, start=None, **overrides) -> dict:
    """A full week as typed: up at 7:30 alone, dinner at 19:00 with others, and so on."""
    start = start or _start()
    data = {"week_start": start.isoformat(), "seen": week_token(week_days(course, start))}
    for day in range(7):
        data |= {
            field_name(day, "out_of_bed"): "730",
            field_name(day, "out_of_bed_with"): "alone",
            field_name(day, "first_contact"): "8:00",
            field_name(day, "first_contact_with"): "involved",
            field_name(day, "work_start"): "9",
            field_name(day, "work_start_with"): "present",
            field_name(day, "dinner"): "19.00",
            field_name(day, "dinner_with"): "involved",
            field_name(day, "to_bed"): "2330",
            field_name(day, "to_bed_with"): "present",
        }
    return data | overrides


def test_it_saves_a_whole_week_from_one_form_and_audits_it(client, therapist, ipsrt):
    client.force_login(therapist)
    response = client.post(_url(ipsrt), sheet(ipsrt))
    assert response.status_code == 302
    days = list(SocialRhythmDay.objects.current().filter(course=ipsrt))
    assert len(days) == 7
    assert days[0].day == _start() and days[0].out_of_bed == datetime.time(7, 30)
    assert days[0].to_bed == datetime.time(23, 30) and days[0].dinner_with == "involved"
    event = AuditEvent.objects.get(action="rhythm.week")
    assert len(event.detail["days"]) == 7 and event.detail["corrected"] == []
    page = client.get(reverse("cases:course_detail", args=[ipsrt.pk])).content.decode()
    assert 'data-testid="rhythm-chart"' in page and "7.0" in page


def test_it_keeps_the_old_version_when_a_day_is_corrected(client, therapist, ipsrt):
    client.force_login(therapist)
    client.post(_url(ipsrt), sheet(ipsrt))
    client.post(_url(ipsrt), sheet(ipsrt, **{field_name(2, "out_of_bed"): "10:15"}))
    day = _start() + datetime.timedelta(days=2)
    versions = list(SocialRhythmDay.objects.filter(course=ipsrt, day=day).order_by("id"))
    assert [v.out_of_bed for v in versions] == [datetime.time(7, 30), datetime.time(10, 15)]
    assert versions[0].replaced_at is not None and versions[0].replaced_by == versions[1]
    # Only the corrected day was written again.
    assert SocialRhythmDay.objects.filter(course=ipsrt).count() == 8
    corrected = AuditEvent.objects.filter(action="rhythm.week").latest("id")
    assert corrected.detail["corrected"] == [day.isoformat()]


def test_it_opens_a_saved_week_with_its_values_to_correct(client, therapist, ipsrt):
    client.force_login(therapist)
    client.post(_url(ipsrt), sheet(ipsrt))
    body = client.get(_url(ipsrt), {"week": _start().isoformat()}).content.decode()
    assert f'name="{field_name(6, "to_bed")}" id="id_d6-to_bed" value="23:30"' in body
    assert 'value="involved" selected' in body


def test_it_keeps_what_was_typed_and_names_the_fault_when_a_time_is_wrong(client, therapist, ipsrt):
    client.force_login(therapist)
    data = sheet(ipsrt, **{field_name(3, "dinner"): "7pm", field_name(4, "to_bed_with"): ""})
    response = client.post(_url(ipsrt), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Type a time of day such as 7:30" in body and "Say who was there." in body
    assert 'value="7pm"' in body
    assert not SocialRhythmDay.objects.exists()


def test_it_refuses_times_on_days_that_have_not_come_yet(client, therapist, ipsrt):
    client.force_login(therapist)
    start = timezone.localdate() - datetime.timedelta(days=2)
    response = client.post(_url(ipsrt), sheet(ipsrt, start=start))
    assert response.status_code == 400
    assert "This day has not come yet" in response.content.decode()


def test_it_does_not_let_a_second_tab_overwrite_the_week_silently(client, therapist, ipsrt):
    client.force_login(therapist)
    stale = sheet(ipsrt)  # opened before the other tab saved
    client.post(_url(ipsrt), sheet(ipsrt))
    response = client.post(_url(ipsrt), stale | {field_name(0, "dinner"): "20:00"})
    assert response.status_code == 409
    body = response.content.decode()
    assert 'data-testid="rhythm-saved-meanwhile"' in body and 'value="20:00"' in body
    assert SocialRhythmDay.objects.filter(course=ipsrt).count() == 7
    # Saving again from the conflict page is a deliberate replacement.
    token = week_token(week_days(ipsrt, _start()))
    again = client.post(_url(ipsrt), stale | {field_name(0, "dinner"): "20:00", "seen": token})
    assert again.status_code == 302
    assert SocialRhythmDay.objects.current().get(course=ipsrt, day=_start()).dinner == (
        datetime.time(20)
    )


def test_another_therapist_gets_404_and_the_supervisor_cannot_write(
    client, other_therapist, supervisor, ipsrt
):
    client.force_login(other_therapist)
    assert client.get(_url(ipsrt)).status_code == 404
    assert client.post(_url(ipsrt), sheet(ipsrt)).status_code == 404
    client.force_login(supervisor)
    assert client.post(_url(ipsrt), sheet(ipsrt)).status_code == 403
    assert not SocialRhythmDay.objects.exists()


def test_the_record_is_read_only_through_the_course_access_path(therapist, other_therapist, ipsrt):
    SocialRhythmDay.objects.create(course=ipsrt, day=_start(), entered_by=therapist)
    assert SocialRhythmDay.objects.visible_to(therapist).count() == 1
    assert SocialRhythmDay.objects.visible_to(other_therapist).count() == 0


def test_the_course_page_shows_the_rhythm_panel_only_for_ipsrt(client, therapist, course, ipsrt):
    client.force_login(therapist)
    assert (
        'data-testid="rhythm-panel"'
        in client.get(reverse("cases:course_detail", args=[ipsrt.pk])).content.decode()
    )
    assert (
        'data-testid="rhythm-panel"'
        not in client.get(reverse("cases:course_detail", args=[course.pk])).content.decode()
    )
