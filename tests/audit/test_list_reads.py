"""Every page that shows clients leaves one read row per client, in one insert (issue 14, F5).

Client search, the caseload, the supervisor's dashboard, the supervision log and its PDF, and
the dashboard's CSV: each client shown gets a row naming the record shown, so the client's
access report lists whoever saw them there.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from sessions.models import NoteStatus
from supervision.models import SupervisionEntry
from tests import factories

pytestmark = pytest.mark.django_db


def today():
    """Read when a test runs, not at import: a run that crosses midnight stays right."""
    return timezone.localdate()


def _inserts(queries) -> list[str]:
    return [
        q["sql"] for q in queries if q["sql"].upper().startswith('INSERT INTO "AUDIT_AUDITEVENT"')
    ]


def _get(client, url, params=None, **headers):
    """GET ``url`` and return (response, audit INSERT statements, number of queries)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {}, **headers)
    assert response.status_code == 200, url
    return response, _inserts(captured.captured_queries), len(captured.captured_queries)


def _active_course(therapist, **fields):
    fields.setdefault("start_date", today() - datetime.timedelta(weeks=2))
    course = factories.make_course(therapist=therapist, **fields)
    factories.make_session(course, status=NoteStatus.SIGNED)
    return course


def _reads(actor, action="view", page=None):
    events = AuditEvent.objects.filter(actor=actor, action=action)
    if page:
        events = events.filter(detail__page=page)
    return events


def test_client_search_records_each_client_found_in_one_insert(client, therapist):
    found = [
        factories.make_client(registered_by=therapist, family_name=f"Marsh{n}") for n in range(3)
    ]
    factories.make_client(registered_by=therapist, family_name="Other")
    for someone in found:
        factories.make_course(therapist=therapist, client=someone)
    client.force_login(therapist)
    client.get(reverse("cases:client_search"))  # warm the session
    _, inserts, few = _get(client, reverse("cases:client_search"), {"q": "marsh"})
    assert len(inserts) == 1
    events = _reads(therapist, page="client_search")
    assert {e.client_id for e in events} == {c.pk for c in found}
    assert {(e.object_type, e.object_id) for e in events} == {
        ("cases.client", str(c.pk)) for c in found
    }
    for n in range(3, 8):
        someone = factories.make_client(registered_by=therapist, family_name=f"Marsh{n}")
        factories.make_course(therapist=therapist, client=someone)
    _, inserts, many = _get(client, reverse("cases:client_search"), {"q": "marsh"})
    assert len(inserts) == 1 and many == few


def test_a_search_finding_nobody_records_nothing(client, therapist):
    client.force_login(therapist)
    _, inserts, _ = _get(client, reverse("cases:client_search"), {"q": "nobody"})
    assert inserts == []


def test_the_caseload_records_each_client_listed_in_one_insert(client, therapist):
    courses = [_active_course(therapist) for _ in range(3)]
    client.force_login(therapist)
    client.get(reverse("cases:caseload"))  # warm the session
    _, inserts, few = _get(client, reverse("cases:caseload"))
    assert len(inserts) == 1
    events = _reads(therapist, page="caseload")
    assert {e.client_id for e in events} >= {c.client_id for c in courses}
    assert all(e.object_type and e.object_id for e in events)
    for _ in range(5):
        _active_course(therapist)
    _, inserts, many = _get(client, reverse("cases:caseload"))
    assert len(inserts) == 1 and many == few


def test_the_caseload_results_for_htmx_record_their_clients(client, therapist):
    course = _active_course(therapist)
    client.force_login(therapist)
    _, inserts, _ = _get(client, reverse("cases:caseload"), HTTP_HX_REQUEST="true")
    assert len(inserts) == 1
    assert _reads(therapist, page="caseload").get().client_id == course.client_id


def test_the_caseload_records_the_notes_returned_for_revision(client, therapist, other_therapist):
    returned = factories.make_course(therapist=therapist)
    factories.make_session(returned, status=NoteStatus.RETURNED, note="Needs work")
    client.force_login(therapist)
    _get(client, reverse("cases:caseload"))
    assert returned.client_id in {e.client_id for e in _reads(therapist, page="caseload")}


def test_the_dashboard_records_each_client_shown_in_one_insert(
    client, supervisor, therapist, other_therapist
):
    courses = [_active_course(therapist) for _ in range(3)]
    hidden = _active_course(other_therapist)
    trainee = factories.make_therapist(supervisor=supervisor, is_trainee=True)
    waiting = factories.make_course(therapist=trainee)
    factories.make_session(waiting, status=NoteStatus.SIGNED, signed_by=trainee, note="Done")
    client.force_login(supervisor)
    client.get(reverse("supervision:dashboard"))  # warm the session
    _, inserts, few = _get(client, reverse("supervision:dashboard"))
    assert len(inserts) == 1
    seen = {e.client_id for e in _reads(supervisor, page="supervision_dashboard")}
    assert seen >= {c.client_id for c in courses} | {waiting.client_id}
    assert hidden.client_id not in seen
    for _ in range(4):
        _active_course(therapist)
    # The first read after a write works the written courses' flags out again (a fixed
    # number of queries, docs/clinical-safety.md H53); the steady cost is what is compared.
    _, inserts, _ = _get(client, reverse("supervision:dashboard"))
    assert len(inserts) == 1
    _, inserts, many = _get(client, reverse("supervision:dashboard"))
    assert len(inserts) == 1 and many == few


def test_the_dashboard_results_for_htmx_record_their_clients(client, supervisor, therapist):
    course = _active_course(therapist)
    client.force_login(supervisor)
    _, inserts, _ = _get(client, reverse("supervision:dashboard"), HTTP_HX_REQUEST="true")
    assert len(inserts) == 1
    assert _reads(supervisor, page="supervision_dashboard").get().client_id == course.client_id


def test_the_dashboard_csv_is_one_insert_for_every_course(client, supervisor, therapist):
    courses = [_active_course(therapist) for _ in range(4)]
    client.force_login(supervisor)
    _, inserts, _ = _get(client, reverse("supervision:dashboard_csv"))
    assert len(inserts) == 1
    events = _reads(supervisor, action="csv.export")
    assert {e.client_id for e in events} == {c.client_id for c in courses}
    assert {e.object_id for e in events} == {str(c.pk) for c in courses}


def _entry(therapist, courses):
    entry = SupervisionEntry.objects.create(
        therapist=therapist,
        supervisor=therapist.supervisor,
        met_on=today() - datetime.timedelta(days=3),
        decisions="Stay with the role dispute.",
    )
    entry.courses.set(courses)
    return entry


def test_the_supervision_log_records_each_client_discussed_in_one_insert(
    client, supervisor, therapist
):
    courses = [_active_course(therapist) for _ in range(2)]
    _entry(therapist, courses)
    url = reverse("supervision:therapist_log", args=[therapist.pk])
    client.force_login(supervisor)
    client.get(url)  # warm the session
    AuditEvent.objects.all()  # (rows are append-only: compare by page below)
    _, inserts, few = _get(client, url)
    assert len(inserts) == 1
    seen = _reads(supervisor, page="supervision_log")
    assert {e.client_id for e in seen} == {c.client_id for c in courses}
    assert {e.object_type for e in seen} == {"cases.course"}
    _entry(therapist, [_active_course(therapist) for _ in range(3)])
    _, inserts, many = _get(client, url)
    assert len(inserts) == 1 and many == few


def test_the_supervision_log_pdf_records_each_client_in_one_insert(client, supervisor, therapist):
    courses = [_active_course(therapist) for _ in range(3)]
    _entry(therapist, courses)
    client.force_login(supervisor)
    response, inserts, _ = _get(client, reverse("supervision:log_pdf", args=[therapist.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert len(inserts) == 1
    exports = _reads(supervisor, action="pdf.export")
    assert {e.client_id for e in exports if e.client_id} == {c.client_id for c in courses}
    # ...and the row naming the therapist whose log it is stays.
    assert exports.filter(object_type="accounts.user", object_id=str(therapist.pk)).exists()


def test_the_access_report_shows_where_the_client_was_seen(
    client, supervisor, therapist, service_admin
):
    course = _active_course(therapist)
    client.force_login(therapist)
    client.get(reverse("cases:caseload"))
    client.force_login(supervisor)
    client.get(reverse("supervision:dashboard"))
    client.force_login(service_admin)
    response = client.get(reverse("audit:client_access", args=[course.client_id]))
    body = response.content.decode()
    people = {p["actor"]: p for p in response.context["people"]}
    assert people[therapist.pk]["reads"] == 1 and people[supervisor.pk]["reads"] == 1
    assert "Caseload" in body and "Supervisor’s dashboard" in body


def test_the_supervision_entry_form_records_the_courses_it_offers(client, supervisor, therapist):
    courses = [_active_course(therapist) for _ in range(3)]
    client.force_login(supervisor)
    _, inserts, _ = _get(client, reverse("supervision:entry_new", args=[therapist.pk]))
    assert len(inserts) == 1
    seen = _reads(supervisor, page="supervision_log_entry")
    assert {e.client_id for e in seen} == {c.client_id for c in courses}


def _closed_with_open_flag(therapist):
    from cases.services import endings as ending_services
    from tests.measures.factories import make_flag

    course = factories.make_course(therapist=therapist)
    factories.make_session(course)
    make_flag(course, reason="PHQ-9 item 9 answered positively")
    ending_services.end_course_early(
        therapist, course, "moved_away", told="GP by phone", arranged="GP review this week"
    )
    return course


@pytest.mark.parametrize(
    ("viewer", "url", "page"),
    [
        ("therapist", "cases:caseload", "caseload"),
        ("supervisor", "supervision:dashboard", "supervision_dashboard"),
        ("service_admin", "supervision:service", "service"),
    ],
)
def test_open_risk_on_closed_courses_records_its_clients_in_the_page_s_one_insert(
    request, client, therapist, viewer, url, page
):
    closed = _closed_with_open_flag(therapist)
    user = request.getfixturevalue(viewer)
    client.force_login(user)
    response, inserts, _ = _get(client, reverse(url))
    assert closed.client.record_number in response.content.decode()
    assert len(inserts) == 1
    assert closed.client_id in {e.client_id for e in _reads(user, page=page)}


def test_the_recently_closed_view_records_each_client_listed_in_one_insert(
    client, supervisor, therapist
):
    closed = [_closed_with_open_flag(therapist) for _ in range(3)]
    client.force_login(supervisor)
    response, inserts, _ = _get(client, reverse("supervision:recently_closed"))
    assert len(inserts) == 1
    assert {c.client_id for c in closed} <= {
        e.client_id for e in _reads(supervisor, page="recently_closed")
    }
