"""Every page, for every role, carries the security headers (a new view is walked automatically)."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD
from tests.security.urlwalk import all_routes, make_world, url_of

pytestmark = pytest.mark.django_db


CLIENT_AREA = " /client/"


def check_headers(response, where: str) -> None:
    csp = response.get("Content-Security-Policy", "")
    assert csp, f"{where}: no Content-Security-Policy"
    directives = dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in csp.split(";") if part.strip()
    )
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp, where
    if CLIENT_AREA in where:
        # The client's pages (client_area) run no script at all and load only our styles.
        assert directives["default-src"] == "'none'", where
        assert "script-src" not in directives, where
        assert directives["style-src"] == "'self'", where
    else:
        assert directives["default-src"] == "'self'", where
        # The nonce appears only when the page used it; without it the policy is stricter still.
        for kind in ("script-src", "style-src"):
            sources = directives[kind].split()
            assert sources[0] == "'self'", where
            assert all(s.startswith("'nonce-") for s in sources[1:]), (where, sources)
    assert directives["frame-ancestors"] == "'none'", where
    assert directives["object-src"] == "'none'", where
    assert directives["base-uri"] == "'none'", where
    assert directives["form-action"] == "'self'", where
    assert response["X-Frame-Options"] == "DENY", where
    assert response["X-Content-Type-Options"] == "nosniff", where
    assert response["Referrer-Policy"] == "same-origin", where
    assert response["Cross-Origin-Opener-Policy"] == "same-origin", where
    hsts = response.get("Strict-Transport-Security", "")
    assert "max-age=31536000" in hsts and "includeSubDomains" in hsts, where
    cache = response.get("Cache-Control", "")
    assert "no-store" in cache and "private" in cache, f"{where}: Cache-Control {cache!r}"
    assert response["X-Request-ID"], where


def test_every_url_carries_the_security_headers_for_every_role(
    therapist, supervisor, service_admin
):
    world = make_world(therapist)
    clients = {}
    for user in (therapist, supervisor, service_admin):
        clients[user.role] = Client()
        clients[user.role].force_login(user)
    clients["signed out"] = Client()
    routes = all_routes()
    assert len(routes) >= 10
    for route in routes:
        url = url_of(route, world)
        reached = []
        for role, client in clients.items():
            for method in ("get", "post"):
                response = getattr(client, method)(url, secure=True)
                check_headers(response, f"{method.upper()} {url} as {role}")
                reached.append(response.status_code)
        if route.name.startswith("client_area:"):
            continue  # no staff role is let in; tests/client_area opens them as the client
        assert any(code < 400 or code == 405 for code in reached), (route.name, reached)


def test_error_pages_carry_them_too(client, therapist):
    client.force_login(therapist)
    check_headers(client.get("/no-such-page/", secure=True), "404")


def test_cookies_are_secure_host_only_and_lax(client, therapist):
    page = client.get(reverse("login"), secure=True)
    csrf = page.cookies["__Host-csrftoken"]
    assert csrf["secure"] and csrf["path"] == "/" and not csrf["domain"]
    assert csrf["samesite"] == "Lax"
    signed_in = client.post(
        reverse("login"),
        {"username": therapist.username, "password": PASSWORD},
        secure=True,
    )
    session = signed_in.cookies["__Host-sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    assert session["path"] == "/" and not session["domain"]


def test_htmx_is_told_never_to_evaluate_code(client, therapist):
    client.force_login(therapist)
    html = client.get(reverse("accounts:my_sessions")).content.decode()
    assert '"allowEval": false' in html
    assert '"allowScriptTags": false' in html
