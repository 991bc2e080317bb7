"""A registration point: panels from apps above sessions shown in the note's review section.

The client's diary (``client_area``) sits above sessions (docs/architecture.md), yet its new
entries belong on the session page beside the review of last week's task. The higher app
registers a renderer from its AppConfig.ready(); sessions never imports it. A renderer takes
``(request, session)`` and returns HTML (empty when it has nothing to show).
"""

from collections.abc import Callable

from django.utils.html import format_html_join
from django.utils.safestring import SafeString

_renderers: list[Callable] = []


def register_review_panel(renderer: Callable) -> None:
    if renderer not in _renderers:
        _renderers.append(renderer)


def review_panels(request, session) -> SafeString:
    # Each renderer answers a rendered template (safe); anything else is escaped.
    return format_html_join("", "{}", ((renderer(request, session),) for renderer in _renderers))
