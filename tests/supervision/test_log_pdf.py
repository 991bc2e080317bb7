"""The supervision log as a PDF: content, filename, date range, bad dates, who may export."""

import datetime
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from supervision.models import SupervisionEntry

pytestmark = pytest.mark.django_db

PAYLOAD = '<script>alert(1)</script><img src="file:///etc/passwd">'


def pdf_text(content: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


def make_entry(therapist, met_on, decisions, courses=()):
    entry = SupervisionEntry.objects.create(
        therapist=therapist,
        supervisor=therapist.supervisor,
        met_on=met_on,
        decisions=decisions,
        actions=f"Actions after {decisions}",
    )
    entry.courses.set(courses)
    return entry


def pdf_url(therapist) -> str:
    return reverse("supervision:log_pdf", args=[therapist.pk])


def test_it_exports_the_log_with_a_useful_filename(client, supervisor, therapist, course):
    make_entry(therapist, datetime.date(2026, 3, 2), "Start role play", [course])
    make_entry(therapist, datetime.date(2026, 4, 6), "Review the inventory")
    client.force_login(supervisor)
    response = client.get(pdf_url(therapist), {"whole": "on"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="supervision-log-tess-therapist-{today}.pdf"'
    )
    text = pdf_text(response.content)
    for expected in (
        "CONFIDENTIAL",
        "Supervision log: Tess Therapist",
        "Sam Supervisor",
        "The whole log",
        "Monday 2 March 2026",
        "Monday 6 April 2026",
        "Start role play",
        "Actions after Review the inventory",
        course.client.record_number,
        course.client.full_name,
        "No particular course",
        "Page 1 of",
    ):
        assert expected in text, expected
    assert text.index("6 April 2026") < text.index("2 March 2026")  # newest first
    event = AuditEvent.objects.get(action="pdf.export", object_type="accounts.user")
    assert event.client is None and event.detail["document"] == "supervision_log"
    # The client the log names has their own row (issue 14, F5).
    assert AuditEvent.objects.get(action="pdf.export", client=course.client).detail == event.detail


def test_it_limits_the_export_to_a_period(client, therapist):
    make_entry(therapist, datetime.date(2026, 1, 12), "January meeting")
    make_entry(therapist, datetime.date(2026, 2, 16), "February meeting")
    make_entry(therapist, datetime.date(2026, 3, 16), "March meeting")
    client.force_login(therapist)
    response = client.get(pdf_url(therapist), {"from": "2026-02-01", "to": "2026-02-28"})
    text = pdf_text(response.content)
    assert "February meeting" in text
    assert "January meeting" not in text and "March meeting" not in text
    assert "1 February 2026 to 28" in text


def test_it_covers_the_last_three_months_unless_asked_for_more(client, supervisor, therapist):
    today = timezone.localdate()
    make_entry(therapist, today - datetime.timedelta(days=30), "Last month")
    make_entry(therapist, today - datetime.timedelta(days=85), "Nearly three months ago")
    make_entry(therapist, today - datetime.timedelta(days=100), "Over three months ago")
    make_entry(therapist, today - datetime.timedelta(days=330), "Nearly a year ago")
    client.force_login(supervisor)

    text = pdf_text(client.get(pdf_url(therapist)).content)
    assert "Last month" in text and "Nearly three months ago" in text
    assert "Over three months ago" not in text and "Nearly a year ago" not in text
    assert "The whole log" not in text
    event = AuditEvent.objects.get(action="pdf.export")
    assert event.detail["to"] == today.isoformat() and event.detail["entries"] == 2

    text = pdf_text(client.get(pdf_url(therapist), {"whole": "on"}).content)
    assert "Nearly a year ago" in text and "The whole log" in text
    # Only a start: up to today. Only an end: the three months before it.
    start = (today - datetime.timedelta(days=120)).isoformat()
    text = pdf_text(client.get(pdf_url(therapist), {"from": start}).content)
    assert "Over three months ago" in text and "Last month" in text
    end = (today - datetime.timedelta(days=90)).isoformat()
    text = pdf_text(client.get(pdf_url(therapist), {"to": end}).content)
    assert "Over three months ago" in text and "Nearly a year ago" not in text


def test_the_log_page_offers_the_default_period_and_the_whole_log(client, supervisor, therapist):
    client.force_login(supervisor)
    page = client.get(reverse("supervision:therapist_log", args=[therapist.pk])).content.decode()
    today = timezone.localdate()
    assert f'name="to" value="{today.isoformat()}"' in page
    assert 'name="from" value="' in page
    assert '<label for="pdf-whole"><input type="checkbox" name="whole"' in page
    assert "last three months" in page


@pytest.mark.parametrize(
    "query",
    [
        {"from": "not-a-date"},
        {"to": "2026-02-30"},
        {"from": "2026-03-01", "to": "2026-02-01"},
        {"from": "0001-01-01"},
    ],
)
def test_it_answers_bad_dates_with_the_log_page_and_a_message(client, supervisor, therapist, query):
    client.force_login(supervisor)
    response = client.get(pdf_url(therapist), query)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "The PDF was not made" in response.content.decode()
    assert not AuditEvent.objects.filter(action="pdf.export").exists()


def test_it_escapes_what_the_supervisor_wrote(client, supervisor, therapist):
    make_entry(therapist, timezone.localdate(), PAYLOAD)
    client.force_login(supervisor)
    text = pdf_text(client.get(pdf_url(therapist)).content)
    assert "<script>alert(1)</script>" in text


def test_it_keeps_other_therapists_logs_out_of_reach(
    client, therapist, other_therapist, other_supervisor
):
    make_entry(therapist, datetime.date(2026, 3, 2), "Private")
    for intruder in (other_therapist, other_supervisor):
        client.force_login(intruder)
        assert client.get(pdf_url(therapist)).status_code == 404
    assert not AuditEvent.objects.filter(action="pdf.export").exists()


def test_the_service_administrator_may_export_any_log(client, service_admin, therapist):
    make_entry(therapist, timezone.localdate(), "For the service")
    client.force_login(service_admin)
    response = client.get(pdf_url(therapist))
    assert response.status_code == 200
    assert "For the service" in pdf_text(response.content)
