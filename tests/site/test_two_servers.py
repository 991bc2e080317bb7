"""Two app servers on one PostgreSQL database behave as one (issue 18, point 5).

Two gunicorn processes (gunicorn.conf.py, DEBUG off, the test settings CI uses, the runtime
role, psycopg's connection pool on) serve the test database. A therapist signs in on server A
and carries on with the same cookies on server B; a draft saved through A and a stale save of
it through B is the two-tab conflict; failed sign-ins spread over both servers lock the account.
Nothing is shared between the servers but the database.
"""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

from sessions.models import Session
from tests import factories
from tests.factories import PASSWORD
from tests.second_factor import app_device, current_code
from tests.sessions.conftest import note_data

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Two app servers share one PostgreSQL database; SQLite is a single-server "
        "database (set DATABASE_URL to PostgreSQL, as CI does).",
    ),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url() -> str:
    """The test database, as the role the tests (and so the app) run as."""
    db = connection.settings_dict
    user = urllib.parse.quote(db["USER"])
    password = urllib.parse.quote(db["PASSWORD"])
    return f"postgres://{user}:{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class AppServer:
    def __init__(self, port: int, log: Path):
        clean = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
        env = {
            **clean,
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "DATABASE_URL": database_url(),
            "DATABASE_POOL": "true",
            "DEBUG": "false",
        }
        self.url = f"http://127.0.0.1:{port}"
        self.log = log
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
            cwd=ROOT,
            env=env,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
        )

    def wait_until_up(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"App server {self.url} exited:\n{self.log.read_text()[-3000:]}")
            try:
                urllib.request.urlopen(self.url + "/accounts/login/", timeout=2).close()  # noqa: S310
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        pytest.fail(f"App server {self.url} did not start:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def servers(tmp_path):
    pair = [AppServer(free_port(), tmp_path / name) for name in ("a.log", "b.log")]
    try:
        for server in pair:
            server.wait_until_up()
        yield pair
    finally:
        for server in pair:
            server.stop()
        wait_for_their_connections_to_close()


def wait_for_their_connections_to_close(timeout: float = 15) -> None:
    """A stopped server's database sessions end a moment after its processes do; the test
    database is dropped at the end of the run and PostgreSQL refuses while any is still open."""
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.1)


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Cookies kept by hand: production cookies are Secure and ``__Host-`` prefixed, which a
    cookie jar would not send over the tests' plain http. One browser, any server."""

    def __init__(self):
        self.cookies: dict[str, str] = {}
        self.opener = urllib.request.build_opener(NoRedirects)

    def request(self, url: str, data: dict | None = None) -> tuple[int, dict, str]:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(url, body)  # noqa: S310 - our own http servers
        if self.cookies:
            request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        try:
            response = self.opener.open(request, timeout=60)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        return response.status, dict(response.headers), response.read().decode()

    def csrf_token(self, page: str) -> str:
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    def post_form(self, url: str, page: str, data: dict) -> tuple[int, dict, str]:
        return self.request(url, {"csrfmiddlewaretoken": self.csrf_token(page), **data})


def sign_in(browser: Browser, base: str, user, password: str = PASSWORD):
    _, _, page = browser.request(base + "/accounts/login/")
    status, headers, _ = browser.post_form(
        base + "/accounts/login/", page, {"username": user.username, "password": password}
    )
    return status, headers


def test_it_signs_in_on_one_server_and_carries_on_on_the_other(servers, therapist):
    a, b = servers
    course = factories.make_course(therapist=therapist)
    session = factories.make_session(course)
    device = app_device(therapist)
    browser = Browser()

    # Password on A, the second step on B, the caseload on A again: one session in the database.
    status, _ = sign_in(browser, a.url, therapist)
    assert status == 302
    status, headers, _ = browser.request(b.url + "/")
    assert status == 302 and "/accounts/second-factor/" in headers["Location"]
    _, _, page = browser.request(b.url + "/accounts/second-factor/")
    status, headers, _ = browser.post_form(
        b.url + "/accounts/second-factor/", page, {"code": current_code(device)}
    )
    assert status == 302, "the second step on B did not accept A's half-signed-in session"
    status, headers, _ = browser.request(a.url + "/")
    assert status == 302 and "/accounts/" not in headers["Location"]
    status, _, page = browser.request(a.url + headers["Location"])
    assert status == 200 and course.client.record_number in page  # the caseload

    # The note form opened on B, version 1. A (another tab) saves first.
    edit = reverse("sessions:edit", args=[session.pk])
    autosave = reverse("sessions:autosave", args=[session.pk])
    status, _, tab_two = browser.request(b.url + edit)
    assert status == 200 and 'name="version" value="1"' in tab_two
    _, _, tab_one = browser.request(a.url + edit)
    status, _, _ = browser.post_form(
        a.url + autosave, tab_one, note_data(session, note="Saved first, in tab one on A.")
    )
    assert status == 200
    # Tab two, still at version 1, saves through B: the conflict view, nothing overwritten.
    status, _, page = browser.post_form(
        b.url + edit, tab_two, note_data(session, note="Typed in tab two on B.")
    )
    assert status == 409
    assert "Saved elsewhere in the meantime" in page
    assert "Saved first, in tab one on A." in page and "Typed in tab two on B." in page
    session.refresh_from_db()
    assert session.note == "Saved first, in tab one on A." and session.version == 2
    assert Session.objects.filter(pk=session.pk, note__contains="tab two").count() == 0


def test_failed_sign_ins_on_both_servers_count_together(servers, therapist, settings):
    a, b = servers
    browser = Browser()
    limit = settings.AXES_FAILURE_LIMIT
    for attempt in range(limit - 1):
        server = (a, b)[attempt % 2]
        status, _ = sign_in(browser, server.url, therapist, password="not-the-password")
        assert status == 200, f"attempt {attempt + 1} was already refused"
    # The last failure allowed, on whichever server: the lock counts the ones on the other.
    status, _ = sign_in(browser, b.url, therapist, password="not-the-password")
    assert status == 429
    # Locked on both, even with the right password.
    for server in (a, b):
        status, _ = sign_in(browser, server.url, therapist)
        assert status == 429
