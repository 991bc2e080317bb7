import pytest
from django.test import RequestFactory
from django.urls import reverse

from audit.addresses import client_ip
from audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def request_from(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_proxies_the_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request_from("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_behind_one_proxy_the_last_hop_is_the_client_and_spoofed_hops_are_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = request_from("10.0.0.2", "6.6.6.6, 198.51.100.7")
    assert client_ip(request) == "198.51.100.7"


def test_a_malformed_or_missing_header_falls_back_to_the_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request_from("10.0.0.2", "not-an-address")) == "10.0.0.2"
    assert client_ip(request_from("10.0.0.2")) == "10.0.0.2"


def test_lockout_and_audit_use_the_client_address_behind_a_proxy(client, therapist, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        client.post(
            reverse("login"),
            {"username": therapist.username, "password": "wrong"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="198.51.100.7",
        )
    assert AuditEvent.objects.filter(action="auth.login_failed", ip="198.51.100.7").count() == 5
    # Another client behind the same proxy is not locked out.
    other = client.post(
        reverse("login"),
        {"username": therapist.username, "password": "correct-horse-battery-staple"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.8",
    )
    assert other.status_code == 302
