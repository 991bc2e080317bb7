"""Static files are cacheable; the CSP loads no data: images (issue 14, smaller items)."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/static/css/app.css", "/static/vendor/htmx-2.0.11.min.js"])
def test_static_files_are_served_cacheable(path):
    response = Client().get(path)
    assert response.status_code == 200
    cache = response.get("Cache-Control", "")
    assert "no-store" not in cache and "private" not in cache
    assert "max-age" in cache
    assert "Expires" not in response or "1970" not in response["Expires"]


def test_app_pages_are_still_never_stored(client, therapist):
    client.force_login(therapist)
    assert "no-store" in client.get("/clients/")["Cache-Control"]
    assert "no-store" in Client().get("/accounts/login/")["Cache-Control"]


def test_the_csp_allows_no_data_images(client, therapist):
    client.force_login(therapist)
    policy = client.get("/clients/")["Content-Security-Policy"]
    img = next(part for part in policy.split(";") if part.strip().startswith("img-src"))
    assert "data:" not in img
    assert "data:" not in policy
