import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from sessions.models import NoteStatus
from tests import factories
from tests.measures.factories import make_flag, make_response

pytestmark = pytest.mark.django_db

URL = reverse("supervision:dashboard_csv")


def today():
    """Read when a test runs, not at import: a run that crosses midnight stays right."""
    return timezone.localdate()


def course_at(therapist, attended: int, **fields):
    fields.setdefault("start_date", today() - datetime.timedelta(weeks=max(attended, 1)))
    course = factories.make_course(therapist=therapist, **fields)
    for _ in range(attended):
        factories.make_session(course, status=NoteStatus.SIGNED, next_task="Call a friend")
    return course


def read(response) -> list[list[str]]:
    content = b"".join(response.streaming_content)  # the export streams
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_it_refuses_everyone_but_supervisors(client, therapist, service_admin):
    course_at(therapist, 1)
    for user in (therapist, service_admin):
        client.force_login(user)
        assert client.get(URL).status_code == 404
    client.logout()
    assert client.get(URL).status_code == 302
    assert not AuditEvent.objects.filter(action="csv.export").exists()


def test_it_exports_the_supervisees_courses(client, supervisor, therapist, other_therapist):
    course = course_at(
        therapist,
        3,
        client=factories.make_client(given_name="Rosa", family_name="Marsh", record_number="K-1"),
    )
    make_response(course, "phq9", 16, on=today() - datetime.timedelta(weeks=3))
    make_response(course, "phq9", 11, on=today() - datetime.timedelta(weeks=1))
    make_flag(course, session=course.sessions.last(), source="session")
    course_at(other_therapist, 1)
    client.force_login(supervisor)
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    header, *rows = read(response)
    assert header[:3] == ["Record number", "Client", "Therapist"]
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert row["Client"] == "Rosa Marsh" and row["Record number"] == "K-1"
    assert row["Session"] == "4" and row["Planned sessions"] == "16" and row["Phase"] == "Middle"
    assert row["Depression measure"] == "PHQ-9"
    assert row["First score"] == "16" and row["Latest score"] == "11"
    assert row["Open risk"] == "yes" and "Open risk" in row["Flags"]


def test_it_keeps_the_filters_and_sort_and_ignores_paging(client, supervisor, therapist):
    for n in range(30):
        course_at(therapist, 1, client=factories.make_client(family_name=f"Client{n:02d}"))
    course_at(therapist, 6)
    client.force_login(supervisor)
    rows = read(client.get(URL, {"phase": "initial", "sort": "-client", "page": "2"}))[1:]
    assert len(rows) == 30
    assert [r[1].split()[-1] for r in rows[:2]] == ["Client29", "Client28"]


def test_it_neutralises_spreadsheet_formulas(client, supervisor, therapist):
    course_at(therapist, 1, client=factories.make_client(given_name="=HYPERLINK(1)"))
    client.force_login(supervisor)
    row = read(client.get(URL))[1]
    assert row[1].startswith("'=HYPERLINK(1)")


def test_each_exported_course_is_audited(client, supervisor, therapist):
    courses = [course_at(therapist, 1) for _ in range(2)]
    client.force_login(supervisor)
    client.get(URL)
    events = AuditEvent.objects.filter(action="csv.export", actor=supervisor)
    assert {e.client_id for e in events} == {c.client_id for c in courses}


def test_it_never_exports_17_of_16(client, supervisor, therapist):
    course_at(therapist, 17)
    client.force_login(supervisor)
    header, *rows = read(client.get(URL))
    row = dict(zip(header, rows[0], strict=True))
    assert row["Session"] == "All 16 planned sessions held, plus 1 extra"
