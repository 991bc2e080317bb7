"""The supervision log: the supervisor writes, the therapist and the service read, others 404."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from cases.models.courses import CourseStatus
from supervision.models import SupervisionEntry
from supervision.services import log as services
from tests import factories

pytestmark = pytest.mark.django_db


def today():
    """Read when a test runs, not at import: a run that crosses midnight stays right."""
    return timezone.localdate()


def make_entry(therapist, **fields) -> SupervisionEntry:
    courses = fields.pop("courses", [])
    fields.setdefault("supervisor", therapist.supervisor)
    fields.setdefault("met_on", today() - datetime.timedelta(days=7))
    fields.setdefault("decisions", "Stay with the role dispute.")
    entry = SupervisionEntry.objects.create(therapist=therapist, **fields)
    entry.courses.set(courses)
    return entry


def entry_data(**overrides) -> dict:
    data = {
        "met_on": today().isoformat(),
        "decisions": "Move to role play next session.",
        "actions": "Bring the communication analysis.",
    }
    data.update(overrides)
    return data


def log_url(therapist) -> str:
    return reverse("supervision:therapist_log", args=[therapist.pk])


def new_url(therapist) -> str:
    return reverse("supervision:entry_new", args=[therapist.pk])


def edit_url(entry) -> str:
    return reverse("supervision:entry_edit", args=[entry.pk])


# Writing --------------------------------------------------------------------------------


def test_it_lets_the_supervisor_add_an_entry_naming_the_courses_discussed(
    client, supervisor, therapist, course
):
    client.force_login(supervisor)
    response = client.post(new_url(therapist), entry_data(courses=[course.pk]))
    entry = SupervisionEntry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == log_url(therapist) + f"#entry-{entry.pk}"
    assert entry.supervisor == supervisor and entry.therapist == therapist
    assert list(entry.courses.all()) == [course]
    event = AuditEvent.objects.get(action="supervision_entry.create")
    assert event.client is None and event.actor == supervisor
    assert event.object_id == str(entry.pk)
    assert event.detail["courses"] == [course.pk]


def test_it_offers_current_and_recently_ended_courses_labelled_with_the_client(
    client, supervisor, therapist, course
):
    recent = factories.make_course(
        therapist=therapist,
        status=CourseStatus.COMPLETED,
        ended_on=today() - datetime.timedelta(days=20),
    )
    old = factories.make_course(
        therapist=therapist,
        status=CourseStatus.COMPLETED,
        ended_on=today() - datetime.timedelta(days=400),
    )
    someone_elses = factories.make_course()
    client.force_login(supervisor)
    html = client.get(new_url(therapist)).content.decode()
    assert f"{course.client.record_number} · {course.client.full_name}" in html
    assert recent.client.record_number in html
    assert old.client.record_number not in html
    assert someone_elses.client.record_number not in html
    for label in ("Date of supervision", "Courses discussed", "Decisions", "Actions agreed"):
        assert label in html


def test_it_refuses_another_therapists_course_and_keeps_what_was_typed(
    client, supervisor, therapist
):
    stranger = factories.make_course()
    client.force_login(supervisor)
    response = client.post(
        new_url(therapist), entry_data(courses=[stranger.pk], decisions="Typed by hand")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Typed by hand" in html and "Not saved yet" in html
    assert not SupervisionEntry.objects.exists()


def test_it_refuses_an_empty_entry_and_a_future_date(client, supervisor, therapist):
    client.force_login(supervisor)
    empty = client.post(new_url(therapist), entry_data(decisions="", actions=""))
    assert empty.status_code == 400
    assert "an empty entry says nothing" in empty.content.decode()
    later = (today() + datetime.timedelta(days=3)).isoformat()
    future = client.post(new_url(therapist), entry_data(met_on=later, actions="Kept text"))
    assert future.status_code == 400
    assert "once it has taken place" in future.content.decode()
    assert "Kept text" in future.content.decode()
    assert not SupervisionEntry.objects.exists()


def test_it_lets_the_supervisor_correct_an_entry(client, supervisor, therapist, course):
    entry = make_entry(therapist)
    client.force_login(supervisor)
    data = entry_data(courses=[course.pk], decisions="Corrected", version=entry.version)
    response = client.post(edit_url(entry), data)
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.decisions == "Corrected" and entry.version == 2
    assert list(entry.courses.all()) == [course]
    event = AuditEvent.objects.get(action="supervision_entry.update")
    assert event.client is None
    assert set(event.detail["fields"]) == {"met_on", "courses", "decisions", "actions"}


def test_it_refuses_a_stale_save_showing_both_versions(client, supervisor, therapist):
    entry = make_entry(therapist, decisions="First words")
    services.update_entry(
        entry, supervisor, {"decisions": "Saved in another tab"}, expected_version=1
    )
    client.force_login(supervisor)
    response = client.post(edit_url(entry), entry_data(decisions="Typed here", version=1))
    assert response.status_code == 409
    html = response.content.decode()
    assert "Saved elsewhere in the meantime" in html
    assert "Saved in another tab" in html and "Typed here" in html
    assert 'name="version" value="2"' in html
    entry.refresh_from_db()
    assert entry.decisions == "Saved in another tab"
    # Saving again from that page replaces the other version on purpose.
    again = client.post(edit_url(entry), entry_data(decisions="Typed here", version=2))
    assert again.status_code == 302
    entry.refresh_from_db()
    assert entry.decisions == "Typed here" and entry.version == 3


def test_the_services_keep_the_rules_whatever_calls_them(supervisor, therapist, course):
    with pytest.raises(services.NotAllowed):
        services.add_entry(therapist, therapist, today(), [], "Mine", "")
    with pytest.raises(services.NotAllowed):
        services.add_entry(therapist, factories.make_supervisor(), today(), [], "Not mine", "")
    with pytest.raises(services.NotTheirCourse):
        services.add_entry(therapist, supervisor, today(), [factories.make_course()], "x", "")
    entry = services.add_entry(therapist, supervisor, today(), [course], "Agreed", "")
    with pytest.raises(services.StaleVersion):
        services.update_entry(entry, supervisor, {"decisions": "Late"}, expected_version=7)
    assert not AuditEvent.objects.filter(action="supervision_entry.update").exists()


# Reading --------------------------------------------------------------------------------


def test_it_shows_the_log_newest_first_with_links_to_the_courses(
    client, supervisor, therapist, course
):
    make_entry(therapist, met_on=today() - datetime.timedelta(days=30), decisions="Older meeting")
    make_entry(therapist, met_on=today() - datetime.timedelta(days=2), decisions="Newer meeting")
    make_entry(therapist, decisions="About the course", courses=[course])
    client.force_login(supervisor)
    html = client.get(log_url(therapist)).content.decode()
    assert html.index("Newer meeting") < html.index("About the course") < html.index("Older")
    assert f'href="{course.get_absolute_url()}"' in html
    assert "Add an entry" in html and "Read only" not in html


def test_the_therapist_reads_their_own_log_read_only(client, therapist):
    make_entry(therapist, decisions="Practise the sick role explanation")
    client.force_login(therapist)
    response = client.get(log_url(therapist))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Practise the sick role explanation" in html
    assert "Read only" in html and "Add an entry" not in html
    assert "My supervision" in html


def test_the_service_administrator_reads_any_log_read_only(client, service_admin, therapist):
    make_entry(therapist, decisions="Noted for the service")
    client.force_login(service_admin)
    html = client.get(log_url(therapist)).content.decode()
    assert "Noted for the service" in html and "Read only" in html


def test_it_keeps_logs_outside_the_viewers_scope_hidden(
    client, therapist, other_therapist, other_supervisor
):
    entry = make_entry(therapist)
    for intruder in (other_therapist, other_supervisor):
        client.force_login(intruder)
        for url in (log_url(therapist), new_url(therapist), edit_url(entry)):
            assert client.get(url).status_code == 404, (intruder, url)
        assert client.post(new_url(therapist), entry_data()).status_code == 404
        assert client.post(edit_url(entry), entry_data(version=1)).status_code == 404
    assert SupervisionEntry.objects.count() == 1


def test_it_explains_to_a_reader_that_only_the_supervisor_writes(
    client, supervisor, therapist, service_admin
):
    entry = make_entry(therapist)
    for reader in (therapist, service_admin):
        client.force_login(reader)
        for url in (new_url(therapist), edit_url(entry)):
            response = client.get(url)
            assert response.status_code == 403
            assert supervisor.display_name in response.content.decode()
        assert client.post(new_url(therapist), entry_data()).status_code == 403
    assert SupervisionEntry.objects.count() == 1


def test_only_the_entrys_own_supervisor_corrects_it(client, supervisor, therapist):
    earlier = factories.make_supervisor()
    entry = make_entry(therapist, supervisor=earlier, decisions="By the previous supervisor")
    client.force_login(supervisor)
    html = client.get(log_url(therapist)).content.decode()
    assert "By the previous supervisor" in html
    assert edit_url(entry) not in html
    assert client.post(edit_url(entry), entry_data(version=1)).status_code == 403


def test_the_log_costs_the_same_queries_for_one_entry_or_many(
    client, supervisor, therapist, django_assert_num_queries
):
    client.force_login(supervisor)
    make_entry(therapist, courses=[factories.make_course(therapist=therapist)])
    with CaptureQueriesContext(connection) as one:
        client.get(log_url(therapist))
    for _ in range(4):
        courses = [factories.make_course(therapist=therapist) for _ in range(2)]
        make_entry(therapist, courses=courses)
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(log_url(therapist))


# The list of logs -------------------------------------------------------------------------


def test_the_index_lists_supervisees_with_their_last_supervision(
    client, supervisor, therapist, other_therapist
):
    make_entry(therapist, met_on=datetime.date(2026, 1, 5))
    make_entry(therapist, met_on=datetime.date(2026, 2, 9))
    client.force_login(supervisor)
    response = client.get(reverse("supervision:log_index"))
    html = response.content.decode()
    assert therapist.display_name in html and other_therapist.display_name not in html
    row = response.context["therapists"].get(pk=therapist.pk)
    assert row.last_met == datetime.date(2026, 2, 9) and row.entries == 2
    assert "9 Feb 2026" in html
    assert "Supervision log" in html


def test_the_index_sends_a_therapist_to_their_own_log(client, therapist):
    client.force_login(therapist)
    response = client.get(reverse("supervision:log_index"))
    assert response.status_code == 302 and response["Location"] == log_url(therapist)


def test_the_index_shows_the_service_administrator_every_therapist(
    client, service_admin, therapist, other_therapist
):
    client.force_login(service_admin)
    html = client.get(reverse("supervision:log_index")).content.decode()
    assert therapist.display_name in html and other_therapist.display_name in html
    assert "Add an entry" not in html


def test_the_index_costs_the_same_queries_for_few_or_many_therapists(
    client, supervisor, therapist, django_assert_num_queries
):
    client.force_login(supervisor)
    make_entry(therapist)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("supervision:log_index"))
    for _ in range(3):
        make_entry(factories.make_therapist(supervisor=supervisor))
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(reverse("supervision:log_index"))
