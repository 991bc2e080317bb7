"""The course page reads the course's sessions once and its inventory counts with the course
(issue 18); each panel then answers exactly as its own query would have."""

import datetime

import pytest
from django.utils import timezone

from cases.models import Course
from cases.presence import preload
from inventory import panel_counts
from inventory.templatetags.inventory_panels import _read_counts
from ipt_site.pages.course import COURSE_PAGE_QUERY
from measures.reporting import RESPONSES_QUERY, outcome_report
from sessions import checklist
from sessions.models import Attendance
from sessions.schedule import course_sessions
from tests import factories
from tests.measures.factories import make_response

pytestmark = pytest.mark.django_db


def _course(therapist):
    course = factories.make_course(therapist=therapist)
    first = factories.make_session(course, diagnosis_given=True)
    factories.make_session(course, sick_role_explained=True, risk_asked=True)
    factories.make_session(
        course,
        psychoeducation_given=True,
        voided_at=timezone.now(),
        void_reason="Entered on the wrong course",
    )
    factories.make_session(course, attendance=Attendance.SCHEDULED, number=None)
    make_response(course, total=14, session=first)
    make_response(course, total=9, on=timezone.localdate() - datetime.timedelta(days=1))
    factories.make_person(course, closeness="inner")
    factories.make_person(course, conflict_level="high", communication_pattern="")
    factories.make_person(course, removed_at=timezone.now())
    factories.make_event(course)
    factories.make_event(course, kind="mood_onset")
    return course


def test_it_finds_the_checklist_steps_in_the_sessions_read_as_in_its_query(therapist):
    course = _course(therapist)
    queried = checklist._session_evidence(Course.objects.get(pk=course.pk))
    read = Course.objects.get(pk=course.pk)
    course_sessions(read)
    assert checklist._rows_read(read, [n for n, _ in checklist.SESSION_STEPS]) is not None
    assert checklist._session_evidence(read) == queried
    assert set(queried) == {"diagnosis_given", "sick_role_explained", "risk_asked"}


def test_it_asks_the_database_when_a_session_has_no_held_time(therapist):
    course = _course(therapist)
    course.sessions.filter(number=1).update(held_at=None)
    read = Course.objects.get(pk=course.pk)
    course_sessions(read)
    assert checklist._rows_read(read, ["diagnosis_given"]) is None


def test_it_gives_the_outcome_report_the_sessions_read(therapist, django_assert_num_queries):
    course = _course(therapist)
    joined = RESPONSES_QUERY.list(course_id=course.pk)
    read = Course.objects.get(pk=course.pk)
    preload(read, "course_sessions", course_sessions(read))
    preload(read, "attended_sessions", [s for s in course_sessions(read) if s.is_attended])
    with django_assert_num_queries(2):  # the responses, the timeline events
        report = outcome_report(read)
    assert [(r.pk, r.session_id and r.session.number) for r in report.responses] == [
        (r.pk, r.session_id and r.session.number) for r in joined
    ]
    assert report.facts.attended == 2  # the void session is not counted


def test_it_counts_the_inventory_in_the_course_query_as_the_panel_does(therapist):
    course = _course(therapist)
    fetched = COURSE_PAGE_QUERY.list(user=therapist, now=timezone.now(), course_id=course.pk)[0]
    assert panel_counts.from_annotations(fetched) == _read_counts(course)
    assert panel_counts.from_annotations(fetched) == (
        {"total": 2, "inner": 1, "serious_conflict": 1, "with_details": 1},
        {"events": 1, "markers": 1},
    )
