"""Prepared record lookups (cases.prepared_queries): the SQL built once per shape must be the
SQL Django builds for each request's own values, and give the same objects."""

import datetime

import pytest
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import User
from cases.views.lookups import VISIBLE_COURSE_QUERY
from ipt_site.pages.course import COURSE_PAGE_QUERY
from sessions.views.access import NOTE_PAGE_QUERY
from tests.factories import make_course, make_session, make_supervisor, make_therapist, make_user

pytestmark = pytest.mark.django_db

QUERIES = {"course page": COURSE_PAGE_QUERY, "visible course": VISIBLE_COURSE_QUERY}


def _django_sql(queryset) -> tuple[str, list]:
    sql, params = queryset.query.get_compiler(using=DEFAULT_DB_ALIAS).as_sql()
    return sql, list(params)


def _people() -> list[User]:
    """Two people of each role, so the second of a role runs the SQL the first one built."""
    people = []
    for _ in range(2):
        supervisor = make_supervisor()
        people += [
            make_therapist(supervisor=supervisor),
            supervisor,
            make_user(User.Role.SERVICE_ADMIN),
            make_user(User.Role.FACILITATOR, supervisor=supervisor, is_trainee=True),
        ]
    return people


@pytest.mark.parametrize("name", QUERIES)
def test_it_runs_the_sql_django_builds_for_each_viewer_course_and_time(name):
    prepared = QUERIES[name]
    course = make_course()
    other = make_course()
    now = timezone.now()
    for when in (now, now + datetime.timedelta(days=3, seconds=7)):
        for person in _people() + [course.therapist, other.therapist]:
            for course_id in (course.pk, other.pk):
                values = {"user": person, "now": when, "course_id": course_id}
                assert prepared.sql_with_params(**values) == _django_sql(
                    prepared._build(**values)
                ), (person.role, course_id)


def test_it_runs_the_note_pages_sql_django_builds_for_each_viewer_and_session():
    sessions = [make_session(make_course()), make_session(make_course())]
    for person in _people() + [s.course.therapist for s in sessions]:
        for session in sessions:
            values = {"user": person, "session_id": session.pk}
            assert NOTE_PAGE_QUERY.sql_with_params(**values) == _django_sql(
                NOTE_PAGE_QUERY._build(**values)
            ), person.role
            found = NOTE_PAGE_QUERY.list(**values)
            django = list(NOTE_PAGE_QUERY._build(**values))
            assert [s.pk for s in found] == [s.pk for s in django]
            for mine, theirs in zip(found, django, strict=True):
                assert {k: v for k, v in vars(mine).items() if k != "_state"} == {
                    k: v for k, v in vars(theirs).items() if k != "_state"
                }
                assert mine.course.client.pk == theirs.course.client.pk


@pytest.mark.parametrize("name", QUERIES)
def test_it_gives_the_objects_django_gives(name):
    prepared = QUERIES[name]
    therapist = make_therapist(supervisor=make_supervisor())
    course = make_course(therapist=therapist)
    make_session(course)
    make_session(course)
    now = timezone.now()
    for person in (therapist, therapist.supervisor, make_therapist()):
        ours = prepared.list(user=person, now=now, course_id=course.pk)
        theirs = list(prepared._build(user=person, now=now, course_id=course.pk))
        assert [c.pk for c in ours] == [c.pk for c in theirs]
        for mine, django in zip(ours, theirs, strict=True):
            assert {k: v for k, v in vars(mine).items() if k != "_state"} == {
                k: v for k, v in vars(django).items() if k != "_state"
            }
            assert mine.client.__dict__.keys() == django.client.__dict__.keys()
            assert mine.client.pk == django.client.pk
            assert mine.therapist.pk == django.therapist.pk
            assert mine.attended_count == 2


def test_it_finds_nothing_for_someone_who_may_not_see_the_course():
    course = make_course()
    stranger = make_therapist()
    assert COURSE_PAGE_QUERY.list(user=stranger, now=timezone.now(), course_id=course.pk) == []
    assert COURSE_PAGE_QUERY.list(
        user=course.therapist, now=timezone.now(), course_id=course.pk
    ) == [course]


@pytest.mark.parametrize("name", ["caseload", "closed risk", "page"])
def test_it_runs_the_caseloads_sql_django_builds_for_each_viewer_and_time(name):
    from ipt_site.pages.caseload import CASELOAD_QUERY, CLOSED_RISK_QUERY, PAGE_QUERY

    prepared = {"caseload": CASELOAD_QUERY, "closed risk": CLOSED_RISK_QUERY, "page": PAGE_QUERY}[
        name
    ]
    make_session(make_course())
    now = timezone.now()
    for when in (now, now - datetime.timedelta(hours=5, microseconds=3)):
        for person in _people():
            values = {"user": person, "now": when}
            assert prepared.sql_with_params(**values) == _django_sql(prepared._build(**values)), (
                person.role
            )
            assert [c.pk for c in prepared.list(**values)] == [
                c.pk for c in prepared._build(**values)
            ]


def test_it_reads_a_courses_sessions_as_the_related_manager_does():
    from sessions.schedule import COURSE_SESSIONS_QUERY, course_sessions

    courses = [make_course(), make_course()]
    for course in courses:
        make_session(course)
        make_session(course)
    for course in courses:
        django = course.sessions.annotate(
            signer_is_trainee=Coalesce("signed_by__is_trainee", "author__is_trainee", Value(False))
        ).order_by("scheduled_for", "id")
        assert COURSE_SESSIONS_QUERY.sql_with_params(course_id=course.pk) == _django_sql(django)
        ours = course_sessions(course)
        assert [s.pk for s in ours] == [s.pk for s in django]
        for mine, theirs in zip(ours, django, strict=True):
            assert {k: v for k, v in vars(mine).items() if k != "_state"} == {
                k: v for k, v in vars(theirs).items() if k != "_state"
            }
            assert mine.course is course


def test_its_sessions_know_whether_the_note_awaits_co_signature_as_the_model_says():
    from sessions.models import NoteStatus
    from sessions.schedule import course_sessions

    trainee = make_therapist(is_trainee=True)
    course = make_course()
    signed = NoteStatus.SIGNED
    make_session(course, status=signed)  # the course's own, qualified therapist
    make_session(course, status=signed, author=trainee)
    make_session(course, status=signed, author=trainee, signed_by=course.therapist)
    make_session(course, status=signed, signed_by=trainee)
    make_session(course, status=NoteStatus.DRAFT, author=trainee)
    make_session(course, status=signed, author=None)
    ours = course_sessions(course)
    expected = [s.awaiting_cosignature for s in course.sessions.order_by("scheduled_for", "id")]
    assert [s.status == signed and s.signer_is_trainee for s in ours] == expected
    assert expected == [False, True, False, True, False, False]


def test_it_reads_a_courses_responses_as_django_does():
    from measures.models import QuestionnaireResponse
    from measures.reporting import RESPONSES_QUERY

    for course in (make_course(), make_course()):
        django = (
            QuestionnaireResponse.objects.valid()
            .filter(course=course)
            .select_related("session")
            .order_by("completed_on", "created_at", "id")
        )
        assert RESPONSES_QUERY.sql_with_params(course_id=course.pk) == _django_sql(django)


def test_it_builds_each_row_as_from_db_would(course):
    """Rows are made without ``Model.__init__`` (``_instance_builder``): the same fields and a
    loaded state as ``from_db`` gives, and ``from_db`` itself for a model someone listens to."""
    from django.db.models import signals

    from cases.models import Course
    from cases.prepared_queries import _instance_builder

    fields = [f.attname for f in Course._meta.concrete_fields]
    values = Course.objects.filter(pk=course.pk).values_list(*fields).get()
    ours = _instance_builder(Course, "default", fields, None)(values)
    django = Course.from_db("default", fields, values)
    assert {k: v for k, v in vars(ours).items() if k != "_state"} == {
        k: v for k, v in vars(django).items() if k != "_state"
    }
    assert (ours._state.adding, ours._state.db) == (django._state.adding, django._state.db)
    assert ours.client == course.client and ours.get_status_display()

    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append(instance)

    signals.post_init.connect(receiver, sender=Course)
    try:
        built = _instance_builder(Course, "default", fields, None)(values)
    finally:
        signals.post_init.disconnect(receiver, sender=Course)
    assert seen == [built]
