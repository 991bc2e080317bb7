"""The service figures' counting queries built once per shape (supervision.prepared_counts)
run the SQL Django builds for each viewer and period, and give the rows ``values()`` gives."""

import datetime

import pytest
from django.db import DEFAULT_DB_ALIAS

from accounts.models import User
from supervision.service_stats import PERIOD_QUERY, RUNNING_QUERY
from tests import factories
from tests.supervision.test_service_stats import world  # noqa: F401 - the hand-worked service

pytestmark = pytest.mark.django_db

PERIODS = [
    (datetime.date(2026, 1, 1), datetime.date(2026, 6, 30)),
    (datetime.date(2025, 12, 31), datetime.date(2026, 7, 1)),
    (datetime.date(2026, 3, 10), datetime.date(2026, 3, 10)),
    (datetime.date(2020, 1, 1), datetime.date(2030, 1, 1)),
]


def _django_sql(queryset) -> tuple[str, list]:
    sql, params = queryset.query.get_compiler(using=DEFAULT_DB_ALIAS).as_sql()
    return sql, list(params)


def _viewers(therapist) -> list[User]:
    admin = factories.make_service_admin()
    return [admin, factories.make_service_admin(), therapist.supervisor, therapist, admin]


def test_it_counts_a_period_as_django_would_for_each_viewer_and_period(world, therapist):  # noqa: F811
    for person in _viewers(therapist):
        for start, end in PERIODS:
            dates = {"start": start, "end": end}
            django = PERIOD_QUERY._build(user=person, **dates)
            assert PERIOD_QUERY.sql_with_params(person, **dates) == _django_sql(django), (
                person.role,
                start,
            )
            assert PERIOD_QUERY.rows(person, **dates) == list(django)
    # Not an empty comparison: the hand-worked period has its courses.
    assert PERIOD_QUERY.rows(_viewers(therapist)[0], start=PERIODS[0][0], end=PERIODS[0][1])


def test_it_counts_the_running_courses_as_django_would_for_each_viewer(world, therapist):  # noqa: F811
    factories.make_course(therapist=therapist)
    for person in _viewers(therapist):
        django = RUNNING_QUERY._build(user=person)
        assert RUNNING_QUERY.sql_with_params(person) == _django_sql(django), person.role
        assert RUNNING_QUERY.rows(person) == list(django)
    assert RUNNING_QUERY.rows(_viewers(therapist)[0])
