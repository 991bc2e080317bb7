"""The dashboard's prepared queries (cases.prepared_pages, supervision.
dashboard_queries): the same SQL and parameters as Django's own for every shape, the same rows
page by page, and a build that would freeze a value of the request refused."""

import datetime

import pytest
from django.db import connection, models
from django.utils import timezone

from cases.models import Course
from cases.prepared_pages import SHAPES_KEPT, Prepared
from supervision import dashboard_queries as queries
from supervision.dashboard import COLUMNS, PAGE_SIZE
from supervision.flags import FLAGS
from tests import factories
from tests.measures.factories import make_flag

pytestmark = pytest.mark.django_db

SORTS = [("", False)] + [(column.key, d) for column in COLUMNS for d in (False, True)]


def _django(queryset) -> tuple[str, list]:
    sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    return sql, list(params)


@pytest.mark.parametrize("flag", [None, "risk", "unsigned", FLAGS[-1].key])
@pytest.mark.parametrize("phase", [None, "middle"])
@pytest.mark.parametrize("therapist", [None, 42])
def test_it_runs_djangos_sql_and_parameters_for_every_shape(supervisor, flag, phase, therapist):
    now = timezone.now()
    since = now - datetime.timedelta(days=14)
    today = timezone.localdate()
    chosen = {"therapist": therapist} if therapist else {}
    for key, descending in SORTS:
        shape = (bool(therapist), phase, flag, today, key, descending)
        values = {"now": now, "since": since, **chosen}
        ours, params = queries._PAGE.sql_with_params(shape, user=supervisor, **values)
        built = queries._page(*shape, user=supervisor, therapist=therapist, now=now, since=since)
        assert (ours, params) == _django(built)
        ours, params = queries._CSV.sql_with_params(shape, user=supervisor, now=now, **chosen)
        built = queries._csv(*shape, user=supervisor, therapist=therapist, now=now)
        assert (ours, params) == _django(built)


def test_each_page_holds_the_rows_django_would_slice(supervisor, therapist):
    courses = [factories.make_course(therapist=therapist) for _ in range(7)]
    make_flag(courses[3])
    today, now = timezone.localdate(), timezone.now()
    since = now - datetime.timedelta(days=14)
    for key, descending in [("", False), ("client", True), ("risk", False)]:
        shape = (False, None, None, today, key, descending)
        every = list(queries._page(*shape, user=supervisor, now=now, since=since))
        assert len(every) == 7
        for offset, limit in [(0, 3), (3, 3), (6, 3), (0, PAGE_SIZE)]:
            page = queries._PAGE.page(
                shape, offset=offset, limit=limit, user=supervisor, now=now, since=since
            )
            assert [c.pk for c in page] == [c.pk for c in every[offset : offset + limit]]
            assert [c.risk_open for c in page] == [c.risk_open for c in every[offset:][:limit]]


def test_the_count_and_the_staleness_check_match_djangos(supervisor, therapist, other_therapist):
    factories.make_course(therapist=therapist)
    make_flag(factories.make_course(therapist=therapist))
    factories.make_course(therapist=other_therapist)
    today = timezone.localdate()
    assert queries.count_courses(supervisor, (False, None, None, today), None) == {
        "count": 2,
        "stale": 2,
    }
    assert queries.count_courses(supervisor, (False, None, "risk", today), None)["count"] == 1
    assert queries.count_courses(supervisor, (True, None, None, today), therapist.pk) == {
        "count": 2,
        "stale": 2,
    }
    assert queries.count_courses(supervisor, (True, None, None, today), 10**9)["count"] == 0


def test_it_refuses_a_build_that_leaves_a_value_out(supervisor):
    prepared = Prepared(lambda user, course: Course.objects.visible_to(user))
    with pytest.raises(ValueError, match="does not compare"):
        prepared.rows(user=supervisor, course=1)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite passes times as text")
def test_it_refuses_a_build_that_would_freeze_the_time(supervisor):
    prepared = Prepared(lambda user: Course.objects.visible_to(user).with_progress())
    with pytest.raises(ValueError, match="time the request does not give"):
        prepared.rows(user=supervisor)


def test_it_keeps_a_bounded_number_of_shapes(supervisor):
    prepared = Prepared(lambda key, user: Course.objects.visible_to(user).filter(pk__gt=key))
    for key in range(SHAPES_KEPT + 5):
        prepared.rows((key,), user=supervisor)
    assert len(prepared._local.prepared) == SHAPES_KEPT


def test_an_aggregates_first_run_counts_as_the_one_query_it_is(
    therapist, django_assert_num_queries
):
    """Catching the aggregate's SQL as Django sends it never reaches the database, so it must
    not show in the query log: query-count tests would otherwise depend on which test ran first."""
    factories.make_course(therapist=therapist)
    counted = Prepared(
        lambda therapist_id: (
            lambda: Course.objects.filter(therapist_id=therapist_id).aggregate(n=models.Count("pk"))
        ),
        kind="aggregate",
    )
    with django_assert_num_queries(1):
        assert counted.row(therapist_id=therapist.pk) == (1,)
    with django_assert_num_queries(1):
        assert counted.row(therapist_id=therapist.pk) == (1,)
