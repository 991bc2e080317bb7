"""Escaping for the parts of pages written in Python instead of a template (the course page's
progress bar, session list and schedule): a few hundred values a page."""

import html

from django.utils.html import conditional_escape


def text(value) -> str:
    """``conditional_escape(value)``: what ``{{ value }}`` writes for a string, and for an int
    without a thousand separator. A plain str or int (nearly every value) skips its checks for
    lazy strings and ``__html__`` and its double wrapping, about two thirds of its cost."""
    kind = type(value)
    if kind is str:
        return html.escape(value)
    if kind is int:
        return str(value)
    return conditional_escape(value)
