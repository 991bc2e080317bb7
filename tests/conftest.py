import pytest
from django.test import Client

from tests import factories
from tests.second_factor import verified_force_login, verified_login


@pytest.fixture(autouse=True)
def _signed_in_clients_have_done_the_second_factor(monkeypatch):
    """``client.force_login(user)`` gives a session past both sign-in steps (see
    tests/second_factor.py); use ``unverified_force_login`` to test the second step itself."""
    monkeypatch.setattr(Client, "force_login", verified_force_login)
    monkeypatch.setattr(Client, "login", verified_login)


@pytest.fixture
def supervisor(db):
    return factories.make_supervisor(first_name="Sam", last_name="Supervisor")


@pytest.fixture
def therapist(supervisor):
    return factories.make_therapist(supervisor=supervisor, first_name="Tess", last_name="Therapist")


@pytest.fixture
def other_supervisor(db):
    return factories.make_supervisor(first_name="Olga", last_name="Otherboss")


@pytest.fixture
def other_therapist(other_supervisor):
    return factories.make_therapist(
        supervisor=other_supervisor, first_name="Otto", last_name="Other"
    )


@pytest.fixture
def service_admin(db):
    return factories.make_service_admin(first_name="Ada", last_name="Admin")


@pytest.fixture
def course(therapist):
    return factories.make_course(therapist=therapist)


def pytest_report_header(config):
    from django.conf import settings

    database = settings.DATABASES["default"]
    return f"database: {database['ENGINE'].rsplit('.', 1)[-1]} {database.get('HOST') or ''}"
