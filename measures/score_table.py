"""The score table under the chart, written in Python byte for byte as the template part it
replaces (kept beside tests/measures/test_score_table.py as the reference): through the
template engine its nested loops cost about as much as the rest of the outcome panel."""

import datetime

from django.conf import settings
from django.template.base import render_value_in_context
from django.template.context import Context
from django.template.defaultfilters import date as date_filter
from django.utils.dates import MONTHS_3
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

_CONTEXT = Context(autoescape=True)


def _value(value) -> str:
    """``{{ value }}`` under autoescape. An int (a total, a session number) is written as
    Django's localisation writes it without a thousand separator, without its lookups of the
    language and number formats for every cell."""
    if type(value) is int and not settings.USE_THOUSAND_SEPARATOR:
        return str(value)
    return render_value_in_context(value, _CONTEXT)


def _day(value) -> str:
    """``{{ value|date:"j M Y" }}``; a date (what the rows hold) without parsing the pattern for
    every row, as Django's ``dateformat`` writes those letters."""
    if type(value) is datetime.date:
        return conditional_escape(f"{value.day} {MONTHS_3[value.month].title()} {value.year:04d}")
    return _value(date_filter(value, "j M Y"))


def _cell(score) -> str:
    if not score:
        return '<td><span class="muted">not taken</span></td>'
    band = conditional_escape(str(score.band).lower())
    return f'<td>{_value(score.total)} <span class="muted">({band})</span></td>'


def score_table_html(chart, caption=None) -> SafeString:
    """The table of ``chart.rows`` (nothing when there are none); ``caption`` replaces
    "Scores as a table"."""
    if not chart.rows:
        return mark_safe("")
    heads = "".join(f'<th scope="col">{_value(s.label)}</th>' for s in chart.columns)
    parts = [
        '\n<table class="table score-table">\n',
        f"  <caption>{_value(caption) if caption else 'Scores as a table'}</caption>\n",
        f'  <thead><tr><th scope="col">Date</th><th scope="col">Session</th>{heads}</tr></thead>\n',
        "  <tbody>\n  ",
    ]
    for row in chart.rows:
        session = _value(row["session"]) if row["session"] else "Assessment"
        cells = "".join(_cell(score) for score in row["cells"])
        parts.append(
            f'\n    <tr>\n      <th scope="row">{_day(row["date"])}</th>\n'
            f"      <td>{session}</td>\n      {cells}\n    </tr>\n  "
        )
    parts.append("\n  </tbody>\n</table>\n")
    return mark_safe("".join(parts))  # noqa: S308 - every value escaped above
