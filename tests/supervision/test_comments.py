"""Supervisor comments beside a session note and beside a formulation version."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from audit.models import AuditEvent
from supervision.models import SupervisorComment
from supervision.services import reviews
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(course):
    return factories.make_session(course)


@pytest.fixture
def formulation(course):
    return factories.make_formulation(course, shared_on=course.start_date)


def _session_url(session):
    return reverse("supervision:session_comment", args=[session.pk])


def _formulation_url(course):
    return reverse("supervision:formulation_comment", args=[course.pk])


def test_it_comments_on_a_session_and_audits(session, supervisor):
    comment = reviews.comment_on_session(session, supervisor, "  Good use of the timeline. ")
    assert comment.text == "Good use of the timeline."
    assert comment.course == session.course and comment.formulation is None
    event = AuditEvent.objects.get(action="comment.add")
    assert event.actor == supervisor and event.client == session.course.client
    assert event.object_id == str(session.pk)


def test_it_comments_on_a_formulation_version(formulation, supervisor):
    comment = reviews.comment_on_formulation(formulation, supervisor, "Is grief a better fit?")
    assert comment.formulation == formulation and comment.session is None
    assert AuditEvent.objects.filter(action="comment.add", client=formulation.course.client)


@pytest.mark.parametrize("who", ["therapist", "other_supervisor", "service_admin"])
def test_only_the_therapist_s_supervisor_comments(session, formulation, who, request):
    person = request.getfixturevalue(who)
    with pytest.raises(reviews.NotAllowed):
        reviews.comment_on_session(session, person, "Hello")
    with pytest.raises(reviews.NotAllowed):
        reviews.comment_on_formulation(formulation, person, "Hello")
    assert not SupervisorComment.objects.exists()


def test_an_empty_comment_is_refused(session, supervisor):
    with pytest.raises(reviews.CommentRequired):
        reviews.comment_on_session(session, supervisor, " \n ")


def test_the_database_keeps_a_comment_on_exactly_one_record(session, formulation, supervisor):
    with pytest.raises(IntegrityError), transaction.atomic():
        SupervisorComment.objects.create(
            course=session.course,
            session=session,
            formulation=formulation,
            author=supervisor,
            text="Both",
        )


# ---- session comments: views -------------------------------------------------------------


def test_the_supervisor_comments_and_the_therapist_reads_it_beside_the_note(
    client, session, supervisor, therapist
):
    client.force_login(supervisor)
    page = client.get(session.get_absolute_url()).content.decode()
    assert 'for="id_comment-text"' in page
    response = client.post(_session_url(session), {"comment-text": "Ask about her sister."})
    assert response.status_code == 302
    assert response["Location"] == session.get_absolute_url() + "#supervisor-comments"
    client.force_login(therapist)
    page = client.get(session.get_absolute_url()).content.decode()
    assert "Supervisor comments" in page and "Ask about her sister." in page
    assert 'for="id_comment-text"' not in page  # the therapist reads, does not comment


def test_an_empty_comment_comes_back_with_the_message(client, session, supervisor):
    client.force_login(supervisor)
    response = client.post(_session_url(session), {"comment-text": ""})
    assert response.status_code == 400
    assert "Write the comment before adding it." in response.content.decode()
    assert not SupervisorComment.objects.exists()


@pytest.mark.parametrize("who", ["therapist", "service_admin"])
def test_a_reader_who_is_not_the_supervisor_is_refused(client, session, who, request):
    client.force_login(request.getfixturevalue(who))
    response = client.post(_session_url(session), {"comment-text": "Hi"})
    assert response.status_code == 403
    assert not SupervisorComment.objects.exists()


def test_another_supervisor_gets_404(client, session, other_supervisor):
    client.force_login(other_supervisor)
    assert client.post(_session_url(session), {"comment-text": "Hi"}).status_code == 404


def test_get_is_not_allowed(client, session, supervisor):
    client.force_login(supervisor)
    assert client.get(_session_url(session)).status_code == 405


# ---- formulation comments: views ---------------------------------------------------------


def test_a_comment_on_the_current_version_shows_on_the_formulation_page(
    client, course, formulation, supervisor, therapist
):
    client.force_login(supervisor)
    page = client.get(reverse("formulation:page", args=[course.pk])).content.decode()
    assert "Supervisor comments on version 1" in page and "Add comment" in page
    response = client.post(
        _formulation_url(course), {"comment-number": "1", "comment-text": "Check the onset."}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("formulation:page", args=[course.pk]))
    client.force_login(therapist)
    page = client.get(reverse("formulation:page", args=[course.pk])).content.decode()
    assert "Check the onset." in page and "Add comment" not in page


def test_a_comment_on_an_earlier_version_stays_with_that_version(
    client, course, formulation, supervisor
):
    factories.make_formulation(course)  # version 2 is now current
    client.force_login(supervisor)
    response = client.post(
        _formulation_url(course), {"comment-number": "1", "comment-text": "About version 1."}
    )
    assert response["Location"].startswith(reverse("formulation:version", args=[course.pk, 1]))
    old = client.get(reverse("formulation:version", args=[course.pk, 1])).content.decode()
    current = client.get(reverse("formulation:page", args=[course.pk])).content.decode()
    assert "About version 1." in old and "About version 1." not in current


def test_an_empty_formulation_comment_comes_back_on_the_version_page(
    client, course, formulation, supervisor
):
    client.force_login(supervisor)
    response = client.post(_formulation_url(course), {"comment-number": "1", "comment-text": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Write the comment before adding it." in html and "Formulation, version 1" in html


@pytest.mark.parametrize("number", ["", "x", "9"])
def test_an_unknown_version_is_a_400(client, course, formulation, supervisor, number):
    client.force_login(supervisor)
    response = client.post(
        _formulation_url(course), {"comment-number": number, "comment-text": "Hi"}
    )
    assert response.status_code == 400
    assert not SupervisorComment.objects.exists()


@pytest.mark.parametrize("who", ["therapist", "service_admin"])
def test_a_formulation_reader_who_is_not_the_supervisor_is_refused(
    client, course, formulation, who, request
):
    client.force_login(request.getfixturevalue(who))
    response = client.post(_formulation_url(course), {"comment-number": "1", "comment-text": "Hi"})
    assert response.status_code == 403
    assert not SupervisorComment.objects.exists()


def test_another_supervisor_cannot_reach_the_formulation(
    client, course, formulation, other_supervisor
):
    client.force_login(other_supervisor)
    response = client.post(_formulation_url(course), {"comment-number": "1", "comment-text": "Hi"})
    assert response.status_code == 404


def test_the_formulation_page_costs_the_same_queries_with_many_comments(
    client, course, formulation, supervisor, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("formulation:page", args=[course.pk])
    client.force_login(supervisor)
    client.get(url)
    reviews.comment_on_formulation(formulation, supervisor, "One")
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(4):
        reviews.comment_on_formulation(formulation, supervisor, f"More {n}")
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count('class="supervisor-comment"') == 5
