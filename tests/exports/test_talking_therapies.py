"""The Talking Therapies extract: the service page's counts, pseudonymised unless a purpose is
stated, and audited."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from cases.models.courses import CourseStatus, EndReason
from tests import factories
from tests.exports.builders import full_course
from tests.measures.factories import make_response

pytestmark = pytest.mark.django_db

URL = "/service/exports/talking-therapies/"


def _close(course, status=CourseStatus.COMPLETED, reason=""):
    course.status = status
    course.end_reason = reason
    course.ended_on = timezone.localdate()
    course.save()
    return course


@pytest.fixture
def ended_courses(therapist, other_therapist):
    recovered = _close(full_course(therapist, phq9=(18, 14, 9, 6), gad7=(12, 9, 6, 4), risk=False))
    not_recovered = _close(
        full_course(therapist, phq9=(20, 19, 18, 17), gad7=(15, 14, 13, 12), risk=False)
    )
    worse = _close(
        full_course(other_therapist, phq9=(11, 14, 17, 19), gad7=(9, 10, 12, 14), risk=False)
    )
    dropped = factories.make_course(
        therapist=other_therapist,
        start_date=timezone.localdate() - datetime.timedelta(weeks=3),
    )
    factories.make_session(dropped)
    _close(dropped, CourseStatus.ENDED_EARLY, EndReason.DROPPED_OUT)
    return [recovered, not_recovered, worse, dropped]


def _period():
    today = timezone.localdate()
    return {"from": (today - datetime.timedelta(days=365)).isoformat(), "to": today.isoformat()}


def _download(client, **extra):
    response = client.get(URL, {**_period(), "download": "1", **extra})
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_it_counts_recovery_exactly_as_the_service_figures_page(
    client, service_admin, ended_courses
):
    client.force_login(service_admin)
    page = client.get("/supervision/service/", _period())
    period = page.context["figures"].period
    rows = _download(client)
    assert len(rows) == period.ended == 4
    assert sum(r["counted_for_outcomes"] == "yes" for r in rows) == period.finished == 3
    assert sum(r["caseness_at_start"] == "yes" for r in rows) == period.at_caseness == 3
    assert sum(r["recovered"] == "yes" for r in rows) == period.recovery.count == 1
    improved = sum(r["reliable_improvement"] == "yes" for r in rows)
    assert improved == period.reliable_improvement.count == 1
    worse = sum(r["reliable_deterioration"] == "yes" for r in rows)
    assert worse == period.reliable_deterioration.count == 1


def test_a_maintenance_course_is_listed_by_kind_but_never_counted_for_outcomes(
    client, service_admin, therapist
):
    acute = _close(full_course(therapist, weeks_ago=40, risk=False))
    maintenance = factories.make_course(
        therapist=therapist,
        client=acute.client,
        continues_course=acute,
        cadence_weeks=4,
        planned_sessions=4,
        length_reason="Maintenance: monthly sessions agreed for the year",
        start_date=timezone.localdate() - datetime.timedelta(weeks=16),
    )
    for total in (16, 15, 14, 12):
        session = factories.make_session(maintenance)
        make_response(maintenance, "phq9", total, on=timezone.localdate(session.held_at))
    _close(maintenance)
    client.force_login(service_admin)
    period = client.get("/supervision/service/", _period()).context["figures"].period
    rows = {r["course_kind"]: r for r in _download(client)}
    assert set(rows) == {"acute", "maintenance"}
    kept = rows["maintenance"]
    # Scores are given; the acute outcome columns are not: it is not an acute episode.
    assert (kept["first_phq9"], kept["last_phq9"]) == ("16", "12")
    assert kept["counted_for_outcomes"] == "no"
    assert kept["caseness_at_start"] == kept["recovered"] == kept["reliable_improvement"] == ""
    # The counted rows are the page's acute figures, which leave the maintenance course out.
    assert rows["acute"]["counted_for_outcomes"] == "yes" and period.finished == 1
    assert (rows["acute"]["recovered"] == "yes") == (period.recovery.count == 1)


def test_it_gives_first_and_last_scores_and_dates(client, service_admin, ended_courses):
    client.force_login(service_admin)
    rows = _download(client)
    recovered = next(r for r in rows if r["recovered"] == "yes")
    assert (recovered["first_phq9"], recovered["last_phq9"]) == ("18", "6")
    assert (recovered["first_gad7"], recovered["last_gad7"]) == ("12", "4")
    assert recovered["attended_sessions"] == "4"
    course = ended_courses[0]
    assert recovered["first_contact_date"] == course.clinical_start.isoformat()
    dropped = next(r for r in rows if r["ending"] == "ended_early")
    assert dropped["ending_reason"] == "dropped_out" and dropped["counted_for_outcomes"] == "no"
    # A course not counted has empty outcome cells, not a guess.
    assert dropped["recovered"] == dropped["caseness_at_start"] == dropped["last_phq9"] == ""


def test_it_names_no_one_by_default_and_changes_codes_each_time(
    client, service_admin, ended_courses
):
    client.force_login(service_admin)
    first = _download(client)
    text = client.get(URL, {**_period(), "download": "1"}).content.decode()
    for course in ended_courses:
        assert course.client.record_number not in text
        assert course.client.family_name not in text
        assert course.client.date_of_birth.isoformat() not in text
    second = list(csv.DictReader(io.StringIO(text)))
    assert {r["client_pseudonym"] for r in first}.isdisjoint(
        {r["client_pseudonym"] for r in second}
    )
    event = AuditEvent.objects.filter(action="disclosure.extract").first()
    assert event.detail["identifiable"] is False and event.detail["rows"] == 4


def test_it_refuses_an_identifiable_extract_without_a_purpose(client, service_admin, ended_courses):
    client.force_login(service_admin)
    response = client.get(URL, {**_period(), "download": "1", "identifiable": "on"})
    assert response.status_code == 400
    assert b"An identifiable extract needs a stated purpose." in response.content
    assert b"checked" in response.content
    assert not AuditEvent.objects.filter(action="disclosure.extract").exists()


def test_it_names_people_with_a_purpose_and_audits_each_client(
    client, service_admin, ended_courses
):
    client.force_login(service_admin)
    rows = _download(client, identifiable="on", purpose="national_return")
    assert {r["record_number"] for r in rows} == {c.client.record_number for c in ended_courses}
    per_client = AuditEvent.objects.filter(action="disclosure.extract", client__isnull=False)
    assert {e.client_id for e in per_client} == {c.client_id for c in ended_courses}
    assert per_client.first().detail["purpose"] == "Submission of the national return"


@pytest.mark.parametrize("who", ["therapist", "supervisor"])
def test_it_is_a_404_for_anyone_but_the_service_administrator(client, request, who, ended_courses):
    client.force_login(request.getfixturevalue(who))
    assert client.get(URL, {**_period(), "download": "1"}).status_code == 404
    assert not AuditEvent.objects.filter(action="disclosure.extract").exists()


def test_it_sends_a_signed_out_visitor_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_reads_the_extract_in_a_fixed_number_of_queries(
    client, service_admin, ended_courses, django_assert_max_num_queries
):
    client.force_login(service_admin)
    with django_assert_max_num_queries(25):
        _download(client)


def test_it_is_linked_from_the_service_overview(client, service_admin):
    client.force_login(service_admin)
    assert f'href="{URL}"'.encode() in client.get("/supervision/service/").content
