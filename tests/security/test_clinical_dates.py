"""Every clinical date keeps sane bounds (issue 14, F3): from 1900, not before the client's birth,
not in the future unless it is a plan (then at most two years ahead), with the typed text kept."""

import datetime
import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.utils import timezone

from cases.client_forms import ClientForm
from cases.clinical_dates import ClinicalDateField
from cases.course_forms import CourseForm, MoveAppointmentForm
from measures import instruments
from measures.forms import QuestionnaireForm
from sessions.forms import FollowUpPlanForm
from supervision.log_forms import SupervisionEntryForm
from tests import factories

pytestmark = pytest.mark.django_db

APPS = ["accounts", "audit", "cases", "inventory", "measures", "sessions", "supervision"]
# Search filters, not clinical records: any date is a fair question to ask of them.
FILTERS = {"audit.forms", "supervision.service_forms"}


def today():
    """Read when a test runs, not at import: a run that crosses midnight stays right."""
    return timezone.localdate()


def project_forms():
    for app in APPS:
        package = importlib.import_module(app)
        for info in pkgutil.walk_packages(package.__path__, f"{app}."):
            if "migrations" in info.name or "management" in info.name or info.name in FILTERS:
                continue
            module = importlib.import_module(info.name)
            for _, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                    yield cls


def test_every_date_field_of_a_clinical_form_is_a_clinical_date():
    found = 0
    for cls in project_forms():
        for name, field in cls.base_fields.items():
            if isinstance(field, forms.DateField):
                found += 1
                assert isinstance(field, ClinicalDateField), (
                    f"{cls.__module__}.{cls.__name__}.{name}"
                )
    assert found >= 8


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1800-01-01", "before 1900"),
        ("1899-12-31", "before 1900"),
        ((today() + datetime.timedelta(days=1)).isoformat(), "cannot be in the future"),
    ],
)
def test_a_date_of_birth_out_of_bounds_is_refused_keeping_the_text(typed, message):
    form = ClientForm(
        data={"record_number": "RN1", "given_name": "A", "family_name": "B", "date_of_birth": typed}
    )
    assert not form.is_valid()
    assert message in str(form.errors["date_of_birth"])
    assert form["date_of_birth"].value() == typed


def test_referral_and_consent_cannot_predate_the_birth():
    form = ClientForm(
        data={
            "record_number": "RN1",
            "given_name": "A",
            "family_name": "B",
            "date_of_birth": "1990-05-01",
            "referral_date": "1980-01-01",
            "consent_date": "1989-01-01",
        }
    )
    assert not form.is_valid()
    assert "before the client was born" in str(form.errors["referral_date"])
    assert "before the client was born" in str(form.errors["consent_date"])


def test_a_questionnaire_before_the_clients_birth_is_refused(course):
    born = course.client.date_of_birth
    form = QuestionnaireForm(
        data={"completed_on": (born - datetime.timedelta(days=40)).isoformat()},
        instrument=instruments.get("phq9"),
        course=course,
    )
    assert not form.is_valid()
    assert "before the client was born" in str(form.errors["completed_on"])


def test_plans_may_lie_ahead_but_not_years_ahead(therapist, course):
    client = factories.make_client(registered_by=therapist)
    next_year = (today() + datetime.timedelta(days=300)).isoformat()
    far = "3026-01-01"
    course_form = CourseForm(data={"start_date": far}, client=client)
    course_form.is_valid()
    assert "more than two years ahead" in str(course_form.errors["start_date"])
    assert "start_date" not in CourseForm(data={"start_date": next_year}, client=client).errors
    move = MoveAppointmentForm(data={"date": far, "time": "10:00"})
    assert "more than two years ahead" in str(move.errors["date"])
    assert MoveAppointmentForm(data={"date": next_year, "time": "10:00"}).is_valid()
    plan = FollowUpPlanForm(data={"follow_up_date": far, "version": 1})
    assert "more than two years ahead" in str(plan.errors["follow_up_date"])


def test_a_supervision_before_1900_is_refused(therapist):
    form = SupervisionEntryForm(
        data={"met_on": "0001-01-01", "decisions": "x"}, therapist=therapist
    )
    assert "before 1900" in str(form.errors["met_on"])
    assert form["met_on"].value() == "0001-01-01"
