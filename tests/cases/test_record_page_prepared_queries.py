"""The course and note pages' smaller reads, prepared once per process (issue 18): each runs
the SQL Django builds for the request's own values and gives the objects Django gives."""

import pytest
from django.db import DEFAULT_DB_ALIAS

from client_area.diary_staff import UNREVIEWED_QUERY
from inventory.formulation_progress import VERSIONS_QUERY
from ipt_site.pages.course import COMPLETION_QUERY
from measures.reporting import RESPONSES_ONLY_QUERY
from sessions.models import Session
from sessions.note_page import (
    LATEST_FORMULATION_QUERY,
    PREVIOUS_SESSION_QUERY,
    agreed_goals,
    previous_session,
)
from tests import factories
from tests.measures.factories import make_response

pytestmark = pytest.mark.django_db

BY_COURSE = {
    "inventory completion": COMPLETION_QUERY,
    "formulation versions": VERSIONS_QUERY,
    "unreviewed diary entries": UNREVIEWED_QUERY,
    "responses": RESPONSES_ONLY_QUERY,
    "latest formulation": LATEST_FORMULATION_QUERY,
}


def _fields(obj) -> dict:
    return {k: v for k, v in vars(obj).items() if k != "_state"}


def _courses():
    full = factories.make_course()
    factories.make_session(full)
    factories.make_person(full)
    factories.complete_inventory(full)
    factories.make_formulation(full)
    factories.make_formulation(full, goal_1="Ask for help at home")
    make_response(full, total=12)
    return [full, factories.make_course()]


@pytest.mark.parametrize("name", BY_COURSE)
def test_it_runs_the_sql_and_gives_the_objects_django_gives(name):
    prepared = BY_COURSE[name]
    for course in _courses():
        built = prepared._build(course_id=course.pk)
        sql, params = built.query.get_compiler(using=DEFAULT_DB_ALIAS).as_sql()
        assert prepared.sql_with_params(course_id=course.pk) == (sql, list(params))
        found = prepared.list(course_id=course.pk)
        assert [_fields(o) for o in found] == [_fields(o) for o in built]


def test_it_finds_the_previous_attended_session_as_the_query_did():
    course = factories.make_course()
    first = factories.make_session(course, next_task="Call her sister")
    second = factories.make_session(course)
    third = factories.make_session(course)
    Session.objects.filter(pk=second.pk).update(voided_at=first.held_at, void_reason="Twice")
    third.refresh_from_db()
    assert previous_session(third).pk == first.pk
    assert previous_session(first) is None
    assert PREVIOUS_SESSION_QUERY.list(course_id=course.pk, number=2)[0].pk == first.pk
    assert PREVIOUS_SESSION_QUERY.list(course_id=course.pk + 1, number=3) == []


def test_it_reads_the_goals_of_the_latest_formulation():
    course = factories.make_course()
    assert agreed_goals(course) == []
    factories.make_formulation(course, goal_1="Old goal")
    factories.make_formulation(course, goal_1="Ask for help at home")
    assert "Ask for help at home" in agreed_goals(course)
    assert "Old goal" not in agreed_goals(course)


def test_the_note_page_reads_the_previous_task_and_goals_with_the_session(client, therapist):
    from django.urls import reverse

    course = factories.make_course(therapist=therapist)
    factories.make_session(course, next_task="Ask Dan to lunch", next_task_person="Dan")
    factories.make_session(course, voided_at=first_held(course), void_reason="Twice")
    factories.make_formulation(course, goal_1="Old goal")
    factories.make_formulation(course, goal_1="Say no to extra shifts", goal_2=" ")
    draft = factories.make_session(course, number=3)  # after the voided session 2
    client.force_login(therapist)
    html = client.get(reverse("sessions:edit", args=[draft.pk])).content.decode()
    assert "Task set in session 1: <strong" in html and "Ask Dan to lunch" in html
    assert "(with Dan)" in html
    assert "Say no to extra shifts" in html and "Old goal" not in html
    first = course.sessions.get(number=1)
    first.next_task = ""
    first.save()
    html = client.get(reverse("sessions:edit", args=[draft.pk])).content.decode()
    assert "No task was recorded in session 1." in html


def first_held(course):
    return course.sessions.get(number=1).held_at
