"""Who may see and change questionnaires, flags and safety plans: every view, every persona."""

import pytest
from django.urls import reverse

from cases.models.courses import CourseStatus
from measures.models import QuestionnaireResponse, SafetyPlan
from tests.measures.factories import make_flag, make_response

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(course):
    course.status = CourseStatus.COMPLETED
    course.save()
    response = make_response(course, "phq9", 12)
    flag = make_flag(course)
    SafetyPlan.objects.create(
        course=course, warning_signs="Not sleeping", updated_by=course.therapist
    )
    return {"course": course.pk, "response": response.pk, "flag": flag.pk}


READ_VIEWS = [
    ("measures:course_measures", "course"),
    ("measures:response_detail", "response"),
    ("measures:course_risk", "course"),
    ("measures:safety_plan", "course"),
    ("measures:safety_plan_pdf", "course"),
    ("measures:summary_pdf", "course"),
]
WRITE_VIEWS = [
    ("measures:response_new", "course"),
    ("measures:response_score", "course"),
    ("measures:flag_review", "flag"),
    ("measures:response_void", "response"),
    ("measures:safety_plan_edit", "course"),
]
ALL_VIEWS = READ_VIEWS + WRITE_VIEWS


POST_ONLY = {"measures:response_score", "measures:response_void"}


def url(records, name, key):
    return reverse(name, args=[records[key]])


def read(client, records, name, key):
    """GET a page (POST for the POST-only score endpoint)."""
    method = client.post if name in POST_ONLY else client.get
    return method(url(records, name, key))


@pytest.mark.parametrize(("name", "key"), ALL_VIEWS)
def test_it_sends_a_signed_out_visitor_to_sign_in(client, records, name, key):
    response = read(client, records, name, key)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(("name", "key"), ALL_VIEWS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_it_hides_another_therapist_s_records(client, records, other_therapist, name, key, method):
    client.force_login(other_therapist)
    if method == "get":
        response = read(client, records, name, key)
    else:
        response = client.post(url(records, name, key))
    assert response.status_code == (405 if method == "post" and (name, key) in READ_VIEWS else 404)


@pytest.mark.parametrize(("name", "key"), ALL_VIEWS)
def test_it_hides_records_from_another_supervisor(client, records, other_supervisor, name, key):
    client.force_login(other_supervisor)
    assert read(client, records, name, key).status_code == 404


@pytest.mark.parametrize(("name", "key"), READ_VIEWS)
def test_it_lets_the_supervisor_read(client, records, supervisor, name, key):
    client.force_login(supervisor)
    assert client.get(url(records, name, key)).status_code == 200


@pytest.mark.parametrize(("name", "key"), WRITE_VIEWS)
def test_it_refuses_the_supervisor_s_writes(client, records, supervisor, name, key):
    client.force_login(supervisor)
    response = client.post(
        url(records, name, key),
        {
            "assessment": "x",
            "actions": "y",
            "contacted": "z",
            "warning_signs": "changed",
            "reason": "r",
        },
    )
    assert response.status_code == 403
    assert not QuestionnaireResponse.objects.filter(voided_at__isnull=False).exists()
    assert SafetyPlan.objects.get().warning_signs == "Not sleeping"


@pytest.mark.parametrize(("name", "key"), READ_VIEWS)
def test_it_lets_the_service_admin_read(client, records, service_admin, name, key):
    client.force_login(service_admin)
    assert client.get(url(records, name, key)).status_code == 200
