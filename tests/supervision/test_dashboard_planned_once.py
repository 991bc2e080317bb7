"""The dashboard's queries run as prepared statements of the connection on PostgreSQL
(``planned_once``): every page, sort, filter and the CSV read exactly what they read bound on
the client, past the point where PostgreSQL switches to one generic plan for any values."""

import datetime
import re

import pytest
from django.db import connection
from django.utils import timezone

from cases.models.courses import CourseStatus
from measures.demo import answers_for
from measures.models import RiskLevel
from measures.services import record_response
from sessions.models import NoteStatus
from tests import factories
from tests.measures.factories import make_flag, make_response

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"
    ),
]

URLS = [
    "/supervision/",
    "/supervision/?sort=-phq9_last",
    "/supervision/?sort=client&page=2",
    "/supervision/?flag=risk",
    "/supervision/?phase=middle&sort=-risk",
    "/supervision/?notes=2",
    "/supervision/export.csv",
    "/supervision/export.csv?sort=therapist",
]


def _world(supervisor, therapist):
    today = timezone.localdate()
    trainee = factories.make_therapist(supervisor=supervisor, is_trainee=True, last_name="Ng")
    for index in range(30):
        course = factories.make_course(
            therapist=trainee if index % 3 == 0 else therapist,
            start_date=today - datetime.timedelta(weeks=index % 12 + 1),
        )
        for number in range(index % 7):
            session = factories.make_session(course, status=NoteStatus.SIGNED)
            make_response(course, "phq9", 20 - number - index % 5, session=session)
        if index % 4 == 0:
            make_flag(course, level=RiskLevel.HIGH if index % 8 == 0 else RiskLevel.SCREEN)
    closed = factories.make_course(therapist=therapist, status=CourseStatus.COMPLETED)
    make_flag(closed)
    sent = factories.make_course(therapist=therapist)
    record_response(
        course=sent,
        instrument_code="phq9",
        answers=answers_for("phq9", 12),
        completed_on=today,
        by=therapist,
        by_client=True,
    )


def _read(client) -> list[bytes]:
    pages = []
    for url in URLS:
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        # Per-request tokens (CSP nonce, CSRF) aside, every byte must match.
        body = re.sub(rb'nonce="[^"]*"', b'nonce=""', body)
        pages.append(re.sub(rb"[A-Za-z0-9+/_=-]{32,}", b"TOKEN", body))
    return pages


def test_every_dashboard_page_reads_the_same_prepared_or_not(
    client, supervisor, therapist, monkeypatch
):
    _world(supervisor, therapist)
    client.force_login(supervisor)
    # Seven times: PostgreSQL plans the first five executions for their values, then may keep
    # one generic plan for any.
    prepared = [_read(client) for _ in range(7)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*), max(generic_plans) FROM pg_prepared_statements")
        statements, generic = cursor.fetchone()
    assert statements >= 6 and generic >= 1
    options = connection.settings_dict["OPTIONS"] | {"prepare_threshold": None}
    monkeypatch.setitem(connection.settings_dict, "OPTIONS", options)
    bound_on_the_client = _read(client)
    assert all(pages == bound_on_the_client for pages in prepared)
    assert b"Ng" in bound_on_the_client[0] and b"RN" in bound_on_the_client[6]
