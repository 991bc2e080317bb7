"""The address a request came from, for the audit trail and for lockout.

Behind TRUSTED_PROXY_COUNT reverse proxies, REMOTE_ADDR is the nearest proxy; each proxy appends
the address it saw to X-Forwarded-For, so the client is the entry that many places from the
right. Entries further left are whatever the client chose to send and are ignored.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    remote = _valid(request.META.get("REMOTE_ADDR", "") or "")
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0:
        return remote
    hops = [h for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    if len(hops) < proxies:
        return remote
    return _valid(hops[-proxies]) or remote
