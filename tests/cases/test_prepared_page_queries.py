"""The record pages' lookups built once per process (inventory, formulation, the risk banner,
the service page's closed courses with open risk) run the SQL Django builds for each viewer and
record, and give the objects Django gives."""

import pytest
from django.db import DEFAULT_DB_ALIAS
from django.utils import timezone

from accounts.models import User
from cases.models.courses import CourseStatus
from inventory.formulation_views import PAGE_COURSE_QUERY, VERSIONS_QUERY
from inventory.views import COMPLETION_QUERY, PEOPLE_QUERY, READABLE_COURSE_QUERY, SNAPSHOTS_QUERY
from measures.templatetags.risk_panels import CLIENT_FLAGS_QUERY, COURSE_FLAGS_QUERY
from supervision.views.service import CLOSED_RISK_QUERY
from tests import factories

pytestmark = pytest.mark.django_db


def _django_sql(queryset) -> tuple[str, list]:
    sql, params = queryset.query.get_compiler(using=DEFAULT_DB_ALIAS).as_sql()
    return sql, list(params)


def _fields(obj) -> dict:
    return {k: v for k, v in vars(obj).items() if k != "_state"}


def _same(prepared, **values) -> list:
    assert prepared.sql_with_params(**values) == _django_sql(prepared._build(**values))
    ours, theirs = prepared.list(**values), list(prepared._build(**values))
    assert [_fields(o) for o in ours] == [_fields(o) for o in theirs]
    return ours


def _people(course) -> list[User]:
    supervisor = course.therapist.supervisor
    return [
        course.therapist,
        factories.make_therapist(supervisor=supervisor),
        supervisor,
        factories.make_supervisor(),
        factories.make_service_admin(),
        factories.make_user(User.Role.FACILITATOR, supervisor=supervisor, is_trainee=True),
    ]


def test_it_reads_the_course_of_the_inventory_and_formulation_pages_as_django_does(therapist):
    course = factories.make_course(therapist=therapist)
    other = factories.make_course(therapist=therapist)
    factories.make_session(course)
    found = 0
    for person in _people(course):
        for course_id in (course.pk, other.pk):
            found += len(_same(READABLE_COURSE_QUERY, user=person, course_id=course_id))
            rows = _same(PAGE_COURSE_QUERY, user=person, now=timezone.now(), course_id=course_id)
            assert all(row.attended_count == (1 if row == course else 0) for row in rows)
    assert found == 6  # the therapist, the supervisor and the administrator see both courses


def test_it_reads_what_the_inventory_and_formulation_pages_show_as_django_does(therapist):
    course = factories.make_course(therapist=therapist)
    factories.make_person(course)
    factories.make_person(course, name="Bo")
    factories.complete_inventory(course)
    factories.make_formulation(course)
    for course_id in (course.pk, factories.make_course().pk):
        for prepared in (PEOPLE_QUERY, SNAPSHOTS_QUERY, COMPLETION_QUERY, VERSIONS_QUERY):
            _same(prepared, course_id=course_id)
    assert len(PEOPLE_QUERY.list(course_id=course.pk)) >= 2
    assert len(VERSIONS_QUERY.list(course_id=course.pk)) == 1


def test_it_reads_the_open_risk_flags_and_closed_courses_as_django_does(therapist):
    from tests.measures.factories import make_flag

    course = factories.make_course(therapist=therapist)
    make_flag(course)
    for course_id in (course.pk, factories.make_course().pk):
        _same(COURSE_FLAGS_QUERY, course_id=course_id)
    assert len(_same(CLIENT_FLAGS_QUERY, client_id=course.client_id)) == 1
    closed = factories.make_course(therapist=therapist, status=CourseStatus.COMPLETED)
    make_flag(closed)
    shown = [len(_same(CLOSED_RISK_QUERY, user=person)) for person in _people(course)]
    assert shown == [1, 0, 1, 0, 1, 0]


def test_it_reads_the_notes_returned_to_a_therapist_as_django_does(therapist):
    from ipt_site.pages.caseload import RETURNED_QUERY
    from sessions.models import NoteStatus

    course = factories.make_course(therapist=therapist)
    factories.make_session(course, status=NoteStatus.RETURNED)
    factories.make_session(course)
    assert len(_same(RETURNED_QUERY, user=therapist)) == 1
    assert _same(RETURNED_QUERY, user=factories.make_therapist()) == []


def test_it_reads_the_client_page_as_django_does(therapist):
    from cases.models import Client
    from cases.views.clients import CLIENT_COURSES_QUERY, CLIENT_PAGE_QUERY

    course = factories.make_course(therapist=therapist)
    factories.make_course(therapist=therapist, client=course.client, status="completed")
    registered = factories.make_client(registered_by=therapist)  # no course yet
    for person in _people(course):
        for client in (course.client, registered):
            values = {"user": person, "client_id": client.pk}
            for row in _same(CLIENT_PAGE_QUERY, **values):
                editable = Client.objects.editable_by(person).filter(pk=client.pk).exists()
                assert bool(row.can_edit_details) is editable
            _same(CLIENT_COURSES_QUERY, now=timezone.now(), **values)
    assert CLIENT_PAGE_QUERY.list(user=therapist, client_id=registered.pk)[0].can_edit_details
    assert (
        len(
            CLIENT_COURSES_QUERY.list(
                user=therapist, now=timezone.now(), client_id=course.client_id
            )
        )
        == 2
    )


def test_it_reads_a_formulations_comments_as_django_does(therapist):
    from supervision.models import SupervisorComment
    from supervision.review_history import FORMULATION_COMMENTS_QUERY

    course = factories.make_course(therapist=therapist)
    formulation = factories.make_formulation(course)
    for text in ("First", "Second"):
        SupervisorComment.objects.create(
            course=course, formulation=formulation, author=therapist.supervisor, text=text
        )
    rows = _same(FORMULATION_COMMENTS_QUERY, formulation_id=formulation.pk)
    assert [c.text for c in rows] == ["First", "Second"]
    assert rows[0].author == therapist.supervisor
