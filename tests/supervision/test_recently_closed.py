"""The supervisor's "recently closed" view: completed and ended courses stay in sight."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.services import endings as ending_services
from tests import factories
from tests.database import audit_append_queries
from tests.measures.factories import make_flag, make_response

pytestmark = pytest.mark.django_db

URL = reverse("supervision:recently_closed")


def today():
    """Read when a test runs, not at import: a run that crosses midnight stays right."""
    return timezone.localdate()


def completed(therapist, *, first=18, last=16, decision="medication_review", **fields):
    fields.setdefault("start_date", today() - datetime.timedelta(weeks=14))
    course = factories.make_course(therapist=therapist, **fields)
    sessions = [factories.make_session(course) for _ in range(13)]
    make_response(course, "phq9", first, session=sessions[0], on=sessions[0].held_at.date())
    make_response(course, "phq9", last, session=sessions[-1], on=sessions[-1].held_at.date())
    ending_services.complete_course(
        therapist, course, decision=decision, reason="GP to review the antidepressant."
    )
    return course


def ended_with_flag(therapist):
    course = factories.make_course(therapist=therapist)
    factories.make_session(course)
    make_flag(course, reason="PHQ-9 item 9 answered positively.")
    ending_services.end_course_early(
        therapist, course, "moved_away", told="New GP by letter", arranged="Crisis line given"
    )
    return course


def listed(response) -> list:
    return [row.course for row in response.context["page"].object_list]


def test_it_refuses_therapists_and_service_admins(client, therapist, service_admin):
    for user in (therapist, service_admin):
        client.force_login(user)
        assert client.get(URL).status_code == 404


def test_it_sends_the_signed_out_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_it_lists_the_supervisees_courses_closed_in_the_last_90_days(
    client, supervisor, therapist, other_therapist
):
    done = completed(therapist)
    ended = ended_with_flag(therapist)
    old = completed(therapist)
    old.ended_on = today() - datetime.timedelta(days=91)
    old.save()
    factories.make_course(therapist=therapist)  # active: on the other view
    completed(other_therapist)  # not a supervisee
    client.force_login(supervisor)
    response = client.get(URL)
    assert response.status_code == 200
    # Open risk first, then the most recently closed.
    assert listed(response) == [ended, done]
    html = response.content.decode()
    assert "No reliable change" in html and "PHQ-9 18 → 16" in html
    assert "Medication review" in html and "GP to review the antidepressant" in html
    assert "Handed over: New GP by letter" in html
    assert reverse("measures:course_risk", args=[ended.pk]) in html


def test_another_supervisor_sees_none_of_them(client, other_supervisor, therapist):
    completed(therapist)
    client.force_login(other_supervisor)
    assert listed(client.get(URL)) == []


def test_it_filters_in_the_url_and_swaps_the_results_in_place(client, supervisor, therapist):
    second = factories.make_therapist(supervisor=supervisor)
    done = completed(therapist)
    ended = ended_with_flag(therapist)
    theirs = completed(second)
    client.force_login(supervisor)
    assert listed(client.get(URL, {"therapist": second.pk})) == [theirs]
    assert set(listed(client.get(URL, {"ending": "completed"}))) == {done, theirs}
    assert listed(client.get(URL, {"risk": "open"})) == [ended]
    assert listed(client.get(URL, {"therapist": "nonsense"})) != []  # ignored, not a 500
    partial = client.get(URL, {"risk": "open"}, HTTP_HX_REQUEST="true")
    html = partial.content.decode()
    assert "<html" not in html and 'data-testid="closed-table"' in html
    page = client.get(URL).content.decode()
    assert f'action="{URL}"' in page and f'hx-get="{URL}"' in page
    assert f'href="{reverse("supervision:dashboard")}"' in page  # the views are real links


def test_the_active_dashboard_links_to_the_closed_view(client, supervisor):
    client.force_login(supervisor)
    html = client.get(reverse("supervision:dashboard")).content.decode()
    assert f'href="{URL}"' in html


@pytest.mark.parametrize("rows", [1, 12])
def test_it_makes_the_same_queries_for_1_or_12_courses(
    client, supervisor, therapist, django_assert_num_queries, rows
):
    for n in range(rows):
        if n % 3 == 0:
            ended_with_flag(therapist)
        else:
            completed(therapist)
    client.force_login(supervisor)
    client.get(URL)
    # session with its user, supervisees, courses (annotated), their endings, their questionnaires,
    # one append of a read row per client listed (the insert and the chain's own reads)
    with django_assert_num_queries(6 + audit_append_queries()):
        response = client.get(URL)
    assert response.context["page"].paginator.count == rows
