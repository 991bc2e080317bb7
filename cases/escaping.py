"""Escaping for the parts of pages written in Python instead of a template (the course page's
progress bar, session list and schedule, the note's fields, the form widgets): a few hundred
values a page."""

import html

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString


def text(value) -> str:
    """``conditional_escape(value)``: what ``{{ value }}`` writes for a string, and for an int
    without a thousand separator. A plain str, an int or a safe string (nearly every value)
    skips its checks for lazy strings and ``__html__`` and its double wrapping, about two
    thirds of its cost."""
    kind = type(value)
    if kind is str:
        return html.escape(value)
    if kind is int:
        return str(value)
    if kind is SafeString:
        return value
    return conditional_escape(value)
