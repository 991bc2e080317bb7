"""Two writers on one course lose no update; a dropped database connection heals by itself.

Both need PostgreSQL (separate connections per thread, pg_terminate_backend); CI runs them.
"""

import io
import threading

import psycopg
import pytest
from django.db import connection, connections, transaction
from django.db.models import F

from cases.models import Course
from tests.factories import make_course

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Needs PostgreSQL: real concurrent connections and pg_terminate_backend.",
    ),
    pytest.mark.django_db(transaction=True),
]

WRITERS = 6


def save_if_unchanged(course_id: int, loaded_version: int, note: str) -> bool:
    """The optimistic-locking rule every course save follows: write only over the version the
    form was loaded with. Returns whether the save landed (False = refused as a conflict)."""
    with transaction.atomic():
        return bool(
            Course.objects.filter(pk=course_id, version=loaded_version).update(
                medication_note=note, version=F("version") + 1
            )
        )


def run_at_once(target, count: int) -> list:
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def worker(i: int) -> None:
        try:
            barrier.wait()
            results[i] = target(i)
        finally:
            connections.close_all()  # each thread has its own connection: close it

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


def test_concurrent_saves_of_one_version_land_once_and_the_rest_are_refused():
    course = make_course()
    loaded = course.version
    outcomes = run_at_once(lambda i: save_if_unchanged(course.pk, loaded, f"writer {i}"), WRITERS)
    assert outcomes.count(True) == 1 and outcomes.count(False) == WRITERS - 1
    course.refresh_from_db()
    winner = outcomes.index(True)
    assert course.medication_note == f"writer {winner}"
    assert course.version == loaded + 1


def test_writers_who_reload_after_a_conflict_lose_nothing():
    course = make_course(medication_note="")

    def append_my_line(i: int) -> int:
        attempts = 0
        while True:
            attempts += 1
            current = Course.objects.values("version", "medication_note").get(pk=course.pk)
            text = current["medication_note"] + f"line {i}\n"
            if save_if_unchanged(course.pk, current["version"], text):
                return attempts

    attempts = run_at_once(append_my_line, WRITERS)
    course.refresh_from_db()
    assert sorted(course.medication_note.split("\n")[:-1]) == [f"line {i}" for i in range(WRITERS)]
    assert course.version == 1 + WRITERS
    assert sum(attempts) >= WRITERS


def wsgi_get(path: str, cookie: str) -> int:
    """A request through the real WSGI handler, which runs Django's per-request connection checks."""
    from django.core.handlers.wsgi import WSGIHandler

    status = {}

    def start_response(line, headers, exc_info=None):
        status["code"] = int(line.split()[0])

    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "HTTP_COOKIE": cookie,
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": io.StringIO(),
        "wsgi.url_scheme": "http",
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    response = WSGIHandler()(environ, start_response)
    response.close()
    return status["code"]


def terminate_app_connection() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    settings = connection.settings_dict
    with psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        password=settings["PASSWORD"],
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        autocommit=True,
    ) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])


@pytest.fixture
def signed_in_cookie(client, therapist, settings):
    client.force_login(therapist)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def test_the_next_request_after_the_database_drops_the_connection_succeeds(signed_in_cookie):
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True
    assert wsgi_get("/clients/", signed_in_cookie) == 200
    terminate_app_connection()
    assert wsgi_get("/clients/", signed_in_cookie) == 200


def test_without_health_checks_that_request_would_fail(signed_in_cookie):
    """The control: proves the test above exercises the health check."""
    connection.settings_dict["CONN_HEALTH_CHECKS"] = False
    try:
        assert wsgi_get("/clients/", signed_in_cookie) == 200
        connection.health_check_enabled = False  # read at connect time: switch this one off too
        terminate_app_connection()
        assert wsgi_get("/clients/", signed_in_cookie) == 500
    finally:
        connection.settings_dict["CONN_HEALTH_CHECKS"] = True
        connection.close()
