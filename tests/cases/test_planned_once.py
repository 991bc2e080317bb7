"""Lookups built ``planned_once`` (cases.prepared_queries) run on PostgreSQL as prepared
statements of the connection, read what Django reads however often they run, and are logged
with their values like every other query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from inventory.formulation_progress import VERSIONS_QUERY
from inventory.progress import COMPLETION_QUERY
from ipt_site.pages.course import COURSE_PAGE_QUERY
from measures.reporting import RESPONSES_ONLY_QUERY, RESPONSES_QUERY
from sessions.schedule import COURSE_SESSIONS_QUERY
from tests.factories import complete_inventory, make_course, make_formulation, make_session
from tests.measures.factories import make_response

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
def test_the_course_pages_queries_read_the_same_prepared_or_not(monkeypatch):
    course = make_course()
    session = make_session(course)
    make_response(course, "phq9", 14, session=session)
    make_response(course, "gad7", 9)
    complete_inventory(course)
    make_formulation(course)
    queries = [
        COURSE_SESSIONS_QUERY,
        COMPLETION_QUERY,
        VERSIONS_QUERY,
        RESPONSES_QUERY,
        RESPONSES_ONLY_QUERY,
    ]
    prepared = [_fields(query.list(course_id=course.pk)) for query in queries]
    options = connection.settings_dict["OPTIONS"] | {"prepare_threshold": None}
    monkeypatch.setitem(connection.settings_dict, "OPTIONS", options)
    assert [_fields(query.list(course_id=course.pk)) for query in queries] == prepared
    assert all(prepared)
    ours, django = _course_page(course)
    assert _fields(ours) == _fields(django)


def test_it_logs_the_statement_with_its_values():
    course = make_course()
    with CaptureQueriesContext(connection) as queries:
        RESPONSES_QUERY.list(course_id=course.pk)
    (query,) = queries.captured_queries
    assert "$1" not in query["sql"] and f"= {course.pk}" in query["sql"]
