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


# Two PostgreSQL roles (audit.roles): the test database is created, migrated and flushed by
# the owner (MIGRATE_DATABASE_URL), and every test runs as the runtime role (DATABASE_URL), so
# a privilege the app lacks fails the suite. Without MIGRATE_DATABASE_URL (SQLite, or one
# role) nothing changes.
@pytest.fixture(scope="session")
def _owner_builds_the_test_database():
    """Connect as the owner before pytest-django creates the test database; yields the
    runtime role's credentials (or None when there is no separate owner)."""
    from django.db import connections

    from audit import roles

    owner = roles.owner_settings()
    if owner is None:
        yield None
        return
    runtime = roles.swap_credentials(connections["default"], owner)
    yield runtime
    roles.swap_credentials(connections["default"], runtime)


@pytest.fixture(scope="session")
def django_db_setup(_owner_builds_the_test_database, django_db_setup, django_db_blocker):
    """Once the owner has built it, the tests use the test database as the runtime role."""
    from django.db import connections

    from audit import roles

    runtime = _owner_builds_the_test_database
    if runtime is None:
        yield
        with django_db_blocker.unblock():
            _end_sessions_left_behind()
        return
    owner = roles.swap_credentials(connections["default"], runtime)
    yield
    with django_db_blocker.unblock():
        _end_sessions_left_behind()
    roles.swap_credentials(connections["default"], owner)


def _end_sessions_left_behind() -> None:
    """A thread a test left behind (a live server's keep-alive request thread) can still hold
    a session on the test database at the end of the run, and PostgreSQL then refuses to drop
    it (a teardown warning, on whichever worker it happened). End the run's own role's other
    sessions on this database first."""
    from django.db import connections

    connection = connections["default"]
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid() "
            "AND usename = current_user"
        )


@pytest.fixture(scope="session", autouse=True)
def _flushing_between_transactional_tests_is_the_owners_job():
    """A transactional test ends by emptying every table, which the runtime role and SQLite's
    protecting triggers rightly refuse (see tests/database.py)."""
    from django.test import TransactionTestCase

    from tests.database import as_owner_with_rules_lifted

    original = TransactionTestCase._fixture_teardown

    def teardown(self):
        with as_owner_with_rules_lifted():
            original(self)

    TransactionTestCase._fixture_teardown = teardown
    yield
    TransactionTestCase._fixture_teardown = original
