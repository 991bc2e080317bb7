"""One access path, checked for every URL that takes an object id (see catalogue.py)."""

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

from tests.access.catalogue import CATALOGUE, CLINICAL_APP_LABELS, World, url_for, url_name

pytestmark = pytest.mark.django_db

ROLES = [
    "owner",
    "owner_supervisor",
    "service_admin",
    "other_therapist",
    "other_supervisor",
    "co_facilitator",
    "other_facilitator",
    "signed_out",
]
READERS = {"owner", "owner_supervisor", "service_admin"}
STRANGERS = {"other_therapist", "other_supervisor", "other_facilitator"}


def strangers(entry) -> set[str]:
    """Who must get a 404: a group's co-facilitator is one everywhere but the group's URLs
    and the members' own courses."""
    return STRANGERS if entry.group or entry.member else STRANGERS | {"co_facilitator"}


def clinical_snapshot() -> list:
    rows = []
    for model in apps.get_models():
        if model._meta.app_label in CLINICAL_APP_LABELS:
            rows.append(list(model._default_manager.order_by("pk").values()))
    return rows


def url_with_params(*, every: bool = False) -> list[str]:
    """Every named URL pattern with a path parameter (``every``: with or without one), as
    "namespace:name" (admin excluded)."""
    found: list[str] = []

    def walk(patterns, namespace: str, has_param: bool) -> None:
        for pattern in patterns:
            params = bool(pattern.pattern.regex.groupindex) or has_param
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace
                if ns == "admin":
                    continue
                full = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
                walk(pattern.url_patterns, full, params)
            elif isinstance(pattern, URLPattern) and (params or every):
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                found.append(name or f"<unnamed {pattern.pattern}>")

    walk(get_resolver().url_patterns, "", False)
    return found


def test_every_url_with_an_id_is_in_the_access_catalogue():
    missing = sorted(set(url_with_params()) - {url_name(key) for key in CATALOGUE})
    assert not missing, (
        "These URLs take a path parameter but are not in tests/access/catalogue.py; add them "
        f"(see the instructions at the top of that file): {missing}"
    )


def test_every_catalogued_url_exists():
    # A URL without a parameter may be catalogued too, to put it through the role matrix.
    stale = sorted({url_name(key) for key in CATALOGUE} - set(url_with_params(every=True)))
    assert not stale, f"Catalogued URLs that no longer exist: {stale}"


def _sign_in(client, world: World, role: str):
    person = world.user_for(role)
    if person is not None:
        client.force_login(person)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_get(client, name, role):
    entry = CATALOGUE[name]
    world = World.build()
    url = url_for(name, world)
    _sign_in(client, world, role)
    before = clinical_snapshot()
    response = client.get(url)
    if entry.get == "feed":
        assert response.status_code == 200
    elif entry.get == "client":
        assert response.status_code == 404
        assert "This link is not working" in response.content.decode()
    elif entry.get == "shown_once":
        if role == "signed_out":
            assert response.status_code == 302
            assert response["Location"].startswith("/accounts/login/")
        else:
            assert response.status_code == (302 if role == "owner" else 404)
    elif entry.get == "client_start":
        assert response.status_code == 200
        html = response.content.decode()
        assert "Date of birth" in html
        assert world.get("client").family_name not in html
    elif role == "signed_out":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    elif entry.get == "none":
        assert response.status_code == 405
    elif entry.get == "admin":
        assert response.status_code == (200 if role == "service_admin" else 404)
    elif role in strangers(entry):
        assert response.status_code == 404
    elif entry.get == "read" or role in entry.writers:
        assert response.status_code == 200
        if role not in ({"owner"} | entry.writers) and response["Content-Type"].startswith(
            "text/html"
        ):
            html = response.content.decode()
            assert "Read only" in html, f"{name} does not say it is read-only for {role}"
    else:  # a form only the owner may open
        assert response.status_code in (403, 404)
    assert clinical_snapshot() == before, f"GET {name} as {role} changed clinical data"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(n for n, e in CATALOGUE.items() if e.post is not None))
def test_post(client, name, role):
    entry = CATALOGUE[name]
    world = World.build()
    url = url_for(name, world)
    data = entry.post(world)
    _sign_in(client, world, role)
    before = clinical_snapshot()
    response = client.post(url, data)
    after = clinical_snapshot()
    if role in entry.writers:
        assert response.status_code in (200, 302)
        assert after != before, f"The {role}'s POST to {name} changed nothing: fix its data"
        return
    if role == "signed_out":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    elif role in strangers(entry):
        assert response.status_code == 404
    else:
        assert response.status_code in (403, 404)
    assert after == before, f"POST {name} as {role} changed clinical data"
