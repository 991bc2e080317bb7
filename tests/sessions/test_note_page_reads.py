"""The note page's small reads are prepared queries (SQL built once per process): the SQL is
Django's for each session, the saved questionnaires come without their answers (the grid shows
the result only) and a voided one is left out, and a saved risk item is still shown."""

import pytest
from django.db import DEFAULT_DB_ALIAS
from django.urls import reverse
from django.utils import timezone

from sessions.models import FocalAreaWork
from sessions.note_page import FOCAL_WORK_QUERY
from sessions.questionnaire_grids import SAVED_RESPONSES_QUERY
from tests import factories
from tests.measures.factories import make_response

pytestmark = pytest.mark.django_db


def _django_sql(queryset) -> tuple[str, list]:
    sql, params = queryset.query.get_compiler(using=DEFAULT_DB_ALIAS).as_sql()
    return sql, list(params)


@pytest.mark.parametrize("query", [SAVED_RESPONSES_QUERY, FOCAL_WORK_QUERY])
def test_it_runs_the_sql_django_builds_for_each_session(query, course):
    for session in (factories.make_session(course), factories.make_session(course)):
        values = {"session_id": session.pk}
        assert query.sql_with_params(**values) == _django_sql(query._build(**values))


def test_it_reads_the_saved_results_without_the_answers(course):
    session = factories.make_session(course)
    first = make_response(course, "phq9", 12, session=session)
    voided = make_response(course, "gad7", 5, session=session)
    voided.voided_at = timezone.now()
    voided.void_reason = "Entered for the wrong client"
    voided.save()
    make_response(course, "gad7", 3)  # not on this session
    found = SAVED_RESPONSES_QUERY.list(session_id=session.pk)
    assert [r.pk for r in found] == [first.pk]
    assert (found[0].total, found[0].band, found[0].risk_positive) == (12, first.band, False)
    assert "answers" in found[0].get_deferred_fields()


def test_the_note_page_shows_a_saved_result_and_its_risk_item(client, course):
    session = factories.make_session(course)
    saved = make_response(course, "phq9", 14, session=session, **{"9": "2"})
    client.force_login(course.therapist)
    html = client.get(reverse("sessions:edit", args=[session.pk])).content.decode()
    assert f"Saved: total <strong>{saved.total}</strong> ({saved.band.lower()})" in html
    assert "Risk item positive: a risk flag is open" in html


def test_the_focal_work_read_finds_the_notes_own_work(course):
    session = factories.make_session(course)
    other = factories.make_session(course)
    mine = FocalAreaWork.objects.create(session=session, area="grief", mourning="The funeral")
    FocalAreaWork.objects.create(session=other, area="grief")
    assert [w.pk for w in FOCAL_WORK_QUERY.list(session_id=session.pk)] == [mine.pk]
