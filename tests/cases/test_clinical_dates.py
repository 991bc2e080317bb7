"""Started and ended are the client's dates: the first and last attended sessions.

The days the buttons were pressed (``started_on``/``ended_on``) stay on the row and in the
audit trail, and are never shown as the course's dates.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from cases.models import Course
from cases.models.courses import CourseStatus
from cases.services import courses as course_services
from cases.services import endings as ending_services
from sessions.models import Attendance
from tests import factories

pytestmark = pytest.mark.django_db


def today():
    """Read when a test runs, not at import: a run that crosses midnight stays right."""
    return timezone.localdate()


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


def written_up_late(therapist, weeks_ago: int = 10, held: int = 4):
    """A course begun ``weeks_ago`` with ``held`` weekly sessions, all recorded today."""
    start = today() - datetime.timedelta(weeks=weeks_ago)
    course = factories.make_course(
        therapist=therapist, start_date=start, status=CourseStatus.PLANNED
    )
    course_services.start_course(therapist, course)  # pressed today
    for week in range(held):
        factories.make_session(course, scheduled_for=at(start + datetime.timedelta(weeks=week)))
    return course, start


def test_the_course_page_shows_the_first_and_last_sessions_not_the_button_days(client, therapist):
    course, start = written_up_late(therapist)
    course.sessions.create(  # a missed appointment after the last attended one
        scheduled_for=at(start + datetime.timedelta(weeks=5)), attendance=Attendance.DID_NOT_ATTEND
    )
    ending_services.end_course_early(therapist, course, "dropped_out")  # pressed today, weeks later
    course.refresh_from_db()
    assert course.started_on == today() and course.ended_on == today()  # the button days, kept
    client.force_login(therapist)
    html = client.get(course.get_absolute_url()).content.decode()
    last = start + datetime.timedelta(weeks=3)
    assert f'data-testid="clinical-start">{start:%-d %b %Y}' in html
    assert f'data-testid="clinical-end">{last:%-d %b %Y}' in html
    facts = html.split('id="course-facts-heading"')[1].split("</dl>")[0]
    # The ending's history line says when it was recorded; no other fact carries the button day.
    facts = "".join(part.split("</dd>", 1)[-1] for part in facts.split('data-testid="ending"'))
    assert f"{today():%-d %b %Y}" not in facts
    actions = set(
        AuditEvent.objects.filter(object_id=str(course.pk)).values_list("action", flat=True)
    )
    assert {"course.start", "course.end_early"} <= actions


def test_the_clinical_start_is_the_planned_date_until_a_session_is_held(therapist):
    course, start = written_up_late(therapist, held=0)
    course = Course.objects.with_progress().get(pk=course.pk)
    assert course.clinical_start == start and course.clinical_end is None
    factories.make_session(course, scheduled_for=at(start + datetime.timedelta(days=2)))
    course = Course.objects.with_progress().get(pk=course.pk)
    assert course.clinical_start == start + datetime.timedelta(days=2)


def test_a_course_closed_before_any_session_ends_on_the_day_it_was_closed(therapist):
    course, _ = written_up_late(therapist, held=0)
    ending_services.end_course_early(therapist, course, "dropped_out")
    course = Course.objects.get(pk=course.pk)
    assert course.clinical_end == today()


def test_void_and_missed_sessions_do_not_move_the_clinical_dates(therapist):
    course, start = written_up_late(therapist, held=2)
    course.sessions.filter(number=1).update(
        voided_at=timezone.now(), void_reason="Entered on the wrong client"
    )
    course.sessions.create(scheduled_for=at(start - datetime.timedelta(days=1)), attendance="dna")
    course = Course.objects.with_progress().get(pk=course.pk)
    assert course.clinical_start == start + datetime.timedelta(weeks=1)


def test_a_list_reads_the_clinical_dates_without_a_query_per_course(
    therapist, django_assert_num_queries
):
    for _ in range(3):
        written_up_late(therapist)
    courses = list(Course.objects.with_progress())
    with django_assert_num_queries(0):
        dates = [(c.clinical_start, c.clinical_end, c.position) for c in courses]
    assert len(dates) == 3


def test_the_client_page_shows_the_clinical_end(client, therapist):
    course, start = written_up_late(therapist)
    ending_services.end_course_early(therapist, course, "dropped_out")
    client.force_login(therapist)
    html = client.get(reverse("cases:client_detail", args=[course.client.pk])).content.decode()
    assert f"{start + datetime.timedelta(weeks=3):%-d %b %Y}" in html
