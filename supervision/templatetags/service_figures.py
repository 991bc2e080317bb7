"""Cells of the service figures page's table (one row per therapist, 9 cells each): a filter
costs a fraction of a partial with its own context, and the page renders hundreds of them."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from supervision.service_stats import Rate

register = template.Library()

NO_COURSES = mark_safe(
    '<span class="muted">-<span class="visually-hidden"> no courses to count</span></span>\n'
)


@register.filter
def rate_cell(rate: Rate) -> SafeString:
    """'3 of 4 (75%)', or a dash (read out as "no courses to count") when nothing is counted."""
    if not rate.of:
        return NO_COURSES
    return format_html(
        '<span class="rate">{} of {} ({}%)</span>\n', rate.count, rate.of, rate.percent
    )
