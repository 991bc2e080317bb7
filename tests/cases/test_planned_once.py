"""Lookups built ``planned_once`` (cases.prepared_queries) run on PostgreSQL as prepared
statements of the connection, read what Django reads however often they run, and are logged
with their values like every other query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ipt_site.pages.course import COURSE_PAGE_QUERY
from measures.reporting import RESPONSES_QUERY
from tests.factories import make_course, make_session

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"
)


def _fields(objects) -> list[dict]:
    return [{k: v for k, v in vars(o).items() if k != "_state"} for o in objects]


def _course_page(course) -> tuple[list, list]:
    values = {"user": course.therapist, "now": timezone.now(), "course_id": course.pk}
    return COURSE_PAGE_QUERY.list(**values), list(COURSE_PAGE_QUERY._build(**values))


@on_postgresql
def test_it_prepares_the_statement_and_reads_what_django_reads_every_time():
    courses = [make_course(), make_course()]
    make_session(courses[0])
    # Past the five custom plans, PostgreSQL plans the statement once for any values.
    for _ in range(4):
        for course in courses:
            ours, django = _course_page(course)
            assert _fields(ours) == _fields(django) and ours[0].attended_count in (0, 1)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans + custom_plans FROM pg_prepared_statements "
            "WHERE statement LIKE %s",
            ['SELECT "cases_course"."id", "cases_course"."client_id"%'],
        )
        assert cursor.fetchone()[0] >= 8


@on_postgresql
def test_it_binds_on_the_client_when_prepared_statements_are_off(monkeypatch):
    course = make_course()
    make_session(course)
    options = connection.settings_dict["OPTIONS"] | {"prepare_threshold": None}
    monkeypatch.setitem(connection.settings_dict, "OPTIONS", options)
    ours, django = _course_page(course)
    assert _fields(ours) == _fields(django)


def test_it_logs_the_statement_with_its_values():
    course = make_course()
    with CaptureQueriesContext(connection) as queries:
        RESPONSES_QUERY.list(course_id=course.pk)
    (query,) = queries.captured_queries
    assert "$1" not in query["sql"] and f"= {course.pk}" in query["sql"]
