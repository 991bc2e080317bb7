"""The service figures page's table (one row per therapist, ten cells each), written in Python:
drawn by the template language, its cells cost about as much as every query of the page.
The markup is byte for byte what the template loop it replaces wrote (the loop is kept in
tests/supervision/test_service_table.py and compared with this on several data sets)."""

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from supervision.service_stats import Rate

register = template.Library()

NO_COURSES = mark_safe(
    '<span class="muted">-<span class="visually-hidden"> no courses to count</span></span>\n'
)
NO_THERAPISTS = '\n      <tr><td colspan="10">No therapists yet.</td></tr>\n    '


def _cell(rate: Rate) -> str:
    """'3 of 4 (75%)', or a dash (read out as "no courses to count") when nothing is counted.
    Numbers only: nothing to escape."""
    if not rate.of:
        return NO_COURSES
    return f'<span class="rate">{rate.count} of {rate.of} ({rate.percent}%)</span>\n'


@register.filter
def rate_cell(rate: Rate) -> SafeString:
    """A rate's table cell (``_cell``) for a template."""
    return mark_safe(_cell(rate))  # noqa: S308 - numbers and constants only


def _row(row, log_url: tuple[str, str]) -> str:
    """One therapist's row (``service_counts.TherapistFigures``); numbers unlocalised."""
    therapist, running, p = row.therapist, row.running, row.period
    left = "" if therapist.is_active else ' <span class="tag tag--muted">left</span>'
    planned = f'<br><span class="muted">{running.planned} planned</span>' if running.planned else ""
    mean = p.mean_attended
    reasons = p.end_reasons
    listed = (
        '<ul class="service-reasons service-reasons--compact">'
        + "".join(f"<li>{escape(reason)}: {count}</li>" for reason, count in reasons)
        + "</ul>"
        if reasons
        else ""
    )
    return (
        "\n    \n      <tr>\n"
        f'        <th scope="row"><a href="{log_url[0]}{therapist.pk}{log_url[1]}"'
        f' title="Supervision log">{escape(therapist.display_name)}</a>{left}</th>\n'
        f'        <td>{running.active} <span class="muted">({escape(running.phase_counts)})</span>'
        f"{planned}</td>\n"
        f"        <td>{p.ended}</td>\n"
        f"        <td>{_cell(p.finished_rate)}</td>\n"
        f"        <td>{_cell(p.recovery)}</td>\n"
        f"        <td>{_cell(p.reliable_improvement)}</td>\n"
        f"        <td>{_cell(p.reliable_deterioration)}</td>\n"
        "        <td>"
        + (str(mean) if mean is not None else '<span class="muted">-</span>')
        + "</td>\n"
        f"        <td>{_cell(p.ended_early)}{listed}</td>\n"
        f"        <td>{_cell(row.maintenance.stayed_well_rate)}</td>\n"
        "      </tr>\n    \n    "
    )


@register.filter
def therapist_rows(therapists: list) -> SafeString:
    """The table body's rows: one per therapist (``ServiceFigures.therapists``), or a row
    saying there are none."""
    if not therapists:
        return mark_safe(NO_THERAPISTS)  # noqa: S308 - a constant
    head, _, tail = reverse("supervision:therapist_log", args=[0]).rpartition("/0/")
    log_url = (f"{head}/", f"/{tail}")  # each row's therapist id goes between
    # Names and reasons are escaped in _row; everything else is a number or a constant.
    return mark_safe("".join(_row(row, log_url) for row in therapists))  # noqa: S308
