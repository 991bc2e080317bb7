"""The record pages' query counts (issue 18): the course page and the note page read what
their panels need in few queries, and a panel whose table the page's own query found empty
costs none (``cases.presence``), while a course that has those records still shows them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.presence import known_empty
from sessions.models import FocalAreaWork
from tests import factories
from tests.measures.factories import make_flag

pytestmark = pytest.mark.django_db


def _count(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def _middle_course(therapist, sessions: int):
    course = factories.make_course(therapist=therapist)
    for _ in range(sessions):
        factories.make_session(course, note="Talked about the move.")
    factories.make_person(course)
    factories.complete_inventory(course)
    factories.make_formulation(course)
    return course


def test_it_knows_empty_only_from_a_false_flag():
    class Bare:
        pass

    thing = Bare()
    assert not known_empty(thing, "endings")  # no flag: ask the database as before
    thing.has_endings = True
    assert not known_empty(thing, "endings")
    thing.has_endings = False
    assert known_empty(thing, "endings")


@pytest.mark.parametrize("sessions", [6, 12])
def test_it_shows_the_course_page_in_eight_queries(client, therapist, sessions):
    course = _middle_course(therapist, sessions)
    client.force_login(therapist)
    client.get(course.get_absolute_url())  # warm the session
    count, _ = _count(client, course.get_absolute_url())
    # session with its user (one query) + the course (with its panels' presence flags and
    # the inventory panel's counts) + the read row (chain head with its lock, insert, and the
    # savepoint around them) + inventory completion, formulation versions, the sessions
    # (schedule, session list, checklist and chart share them), scores: 8 (it was 26 for
    # this course before the presence flags, 11 before the shared sessions and counts).
    assert count == 8


def test_it_still_shows_what_a_course_has_once_it_has_it(client, therapist):
    course = _middle_course(therapist, 6)
    client.force_login(therapist)
    empty_count, html = _count(client, course.get_absolute_url())
    assert "Said she had made plans." not in html
    factories.make_event(course)
    make_flag(course, reason="Said she had made plans.")
    count, html = _count(client, course.get_absolute_url())
    assert "Said she had made plans." in html
    # The banner and the chart's timeline events now read their rows (the inventory panel's
    # timeline counts come with the course).
    assert count == empty_count + 2


@pytest.mark.parametrize("sessions", [6, 12])
def test_it_shows_the_note_page_in_eight_queries(client, therapist, sessions):
    course = _middle_course(therapist, sessions)
    draft = course.sessions.order_by("-number").first()
    url = reverse("sessions:edit", args=[draft.pk])
    client.force_login(therapist)
    client.get(url)
    count, html = _count(client, url)
    assert "Draft" in html or "draft" in html
    # session with its user (one query) + the session (with presence flags, the previous
    # session's task and the latest goals) + the people offered and ticked, for the note and
    # its focal area alike (one query) + scores + diary + the read row (4); no focal work
    # query for a note without any, no lookup of the client by the access audit (was 25 on
    # the scale data, 13 before the previous task and goals came with the session, 11
    # before the people were read once, 9 before the focal work's presence flag).
    assert count == 8


def test_the_note_page_reads_and_shows_its_focal_work(client, therapist):
    course = _middle_course(therapist, 6)
    draft = course.sessions.order_by("-number").first()
    FocalAreaWork.objects.create(
        session=draft, area="role_dispute", dispute_with="Her mother, about the wedding"
    )
    url = reverse("sessions:edit", args=[draft.pk])
    client.force_login(therapist)
    client.get(url)
    count, html = _count(client, url)
    assert "Her mother, about the wedding" in html
    assert count == 10  # and the focal work, and the people its form has ticked
