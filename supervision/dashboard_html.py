"""The dashboard's course rows, its column headers and its list of notes awaiting
co-signature, written in Python byte for byte as the template parts they replace (kept beside
tests/supervision/test_dashboard_html.py as the reference): through the template engine the 25
rows alone cost about as much as every query of the page."""

import html
from functools import cache
from urllib.parse import urlencode

from django.conf import settings
from django.template.base import render_value_in_context
from django.template.context import Context
from django.template.defaultfilters import date as date_filter
from django.template.defaulttags import querystring
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.dates import MONTHS_3, WEEKDAYS_ABBR
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime

from supervision.flags import FLAGS

_CONTEXT = Context(autoescape=True)
_ID = 9_876_543_210  # stands for the record's id in a reversed address


def _value(value) -> str:
    """``{{ value }}`` under autoescape (text and whole numbers the short way: the template
    engine localizes them to themselves unless thousands are grouped)."""
    kind = type(value)
    if kind is str:
        return html.escape(value)  # django.utils.html.escape without its lazy-text wrapper
    if kind is int and not settings.USE_THOUSAND_SEPARATOR:
        return str(value)
    return render_value_in_context(value, _CONTEXT)


_FLAG_PARTS: dict[str, tuple[str, str, str, str]] = {}


def _flag_parts(flag) -> tuple[str, str, str, str]:
    """A flag's tone, label, explanation and key, escaped once per process (found by its key:
    hashing the flag itself hashes every field)."""
    parts = _FLAG_PARTS.get(flag.key)
    if parts is None:
        parts = _value(flag.tone), _value(flag.label), _value(flag.explanation), _value(flag.key)
        _FLAG_PARTS[flag.key] = parts
    return parts


@cache
def _address(name: str) -> tuple[str, str]:
    """The address of ``name`` around its one id argument, reversed once per process."""
    before, after = reverse(name, args=[_ID]).split(str(_ID))
    return before, after


def _url(name: str, pk: int) -> str:
    before, after = _address(name)
    return f"{before}{int(pk)}{after}"


# A course's adaptation in words, escaped: the choices are fixed words (not translated), so each
# is written once per process; ``get_adaptation_display`` builds a dict of every choice per call.
_ADAPTATIONS: dict[str, str] = {}


def _adaptation(course) -> str:
    label = _ADAPTATIONS.get(course.adaptation)
    if label is None:
        label = _ADAPTATIONS[course.adaptation] = _value(course.get_adaptation_display())
    return label


_NONE = '<span class="muted" aria-hidden="true">–</span><span class="visually-hidden">none</span>'
_RISK_WORDS = {3: "High", 2: "Moderate"}


def _client_cell(course) -> str:
    name = _value(course.client.full_name)
    diary = ""
    if course.diary_recent:
        entries = "y" if course.diary_recent == 1 else "ies"
        diary = (
            '<span class="muted small dashboard-table__sub" data-testid="diary-in-use">'
            f"Diary in use: {_value(course.diary_recent)} entr{entries} in 2 weeks</span>"
        )
    elif course.diary_last:
        diary = (
            '<span class="muted small dashboard-table__sub">Diary last written '
            f"{_value(date_filter(course.diary_last, 'j M'))}</span>"
        )
    return (
        '\n      <th scope="row">\n'
        f'        <a href="{_url("cases:course_detail", course.pk)}">{name}</a>\n'
        '        <span class="muted small dashboard-table__sub">'
        f"{_value(course.client.record_number)} · "
        f'<a href="{_url("supervision:fidelity", course.pk)}" '
        f'aria-label="Fidelity review for {name}">Fidelity</a></span>\n'
        f"        {diary}\n      </th>\n"
    )


def _scores(row) -> str:
    outcome = row.outcome
    if outcome.depression_first is not None:
        first = (
            f"{_value(outcome.depression_first)}"
            f'<span class="muted small dashboard-table__sub">{_value(outcome.depression_label)}'
            "</span>"
        )
    else:
        first = _NONE
    last = _value(outcome.depression_last) if outcome.depression_last is not None else _NONE
    trend = row.trend
    svg = ""
    if trend:
        text = _value(trend.text)
        svg = (
            f'<svg class="sparkline" viewBox="{_value(trend.view_box)}" '
            f'width="{_value(trend.width)}" height="{_value(trend.height)}" role="img" '
            f'aria-label="{text}"><title>{text}</title><polyline class="sparkline__line" '
            f'points="{_value(trend.points)}"/><circle class="sparkline__end" '
            f'cx="{_value(trend.end_x)}" cy="{_value(trend.end_y)}" r="2.2"/></svg>'
        )
    return (
        f'      <td class="num">{first}</td>\n'
        f'      <td class="num nowrap">{last}\n        {svg}\n      </td>\n'
    )


def _flags(row) -> str:
    parts = []
    for flag, link in row.flag_links:
        tone, label, explanation, key = _flag_parts(flag)
        if link:
            parts.append(
                f'<a class="tag tag--{tone} tag--link" href="{_value(link)}" '
                f'title="{explanation} Opens where it shows." '
                f'data-flag="{key}">{label}</a> '
            )
        else:
            parts.append(f'<span class="tag tag--{tone}" title="{explanation}">{label}</span> ')
    return "".join(parts) or '<span class="muted">None</span>'


def _row(row) -> str:
    course = row.course
    risk_class = ' class="row--risk"' if course.risk_open else ""
    therapist = course.therapist
    trainee = '<span class="muted small dashboard-table__sub">Trainee</span>'
    if row.focal_area:
        focal = _value(row.focal_area)
        if row.secondary_area:
            focal += (
                '<span class="muted small dashboard-table__sub">and '
                f"{conditional_escape(str(row.secondary_area).lower())}</span>"
            )
    else:
        focal = '<span class="muted">Not chosen</span>'
    if course.risk_open:
        words = _RISK_WORDS.get(course.risk_level, "Assess now")
        risk = f'<span class="tag tag--risk">{words}</span>'
    else:
        risk = (
            '<span class="muted" aria-hidden="true">–</span>'
            '<span class="visually-hidden">none open</span>'
        )
    return (
        f'\n    <tr{risk_class} data-course="{_value(course.pk)}">'
        f"{_client_cell(course)}"
        f"      <td>{_value(therapist.display_name)}{trainee if therapist.is_trainee else ''}</td>\n"
        f'      <td class="small">{_adaptation(course)}</td>\n'
        f"      <td>{_value(course.position)}</td>\n"
        f'      <td><span class="tag tag--{_value(course.phase)}">{_value(course.phase_label)}'
        "</span></td>\n"
        f"      <td>{focal}</td>\n"
        f"{_scores(row)}"
        f'      <td class="small">{_value(row.outcome.outcome.summary)}</td>\n'
        f"      <td>{risk}</td>\n"
        f'      <td class="flags">{_flags(row)}</td>\n'
        "    </tr>\n    "
    )


def _sort_links(query, sorts: list[str]) -> list[str]:
    """``{% querystring sort=... page=None %}`` for each of ``sorts``: Django's tag writes the
    query string once, with an empty sort, and each sort takes that pair's place (the tag
    encodes each pair on its own and joins them with "&", so no other pair is "sort=")."""
    pairs = querystring(None, query, sort="", page=None).removeprefix("?").split("&")
    at = pairs.index("sort=")
    links = []
    for sort in sorts:
        pairs[at] = urlencode({"sort": sort})
        links.append("?" + "&".join(pairs))
    return links


_ARROWS = {
    "ascending": ' <span aria-hidden="true">▲</span>',
    "descending": ' <span aria-hidden="true">▼</span>',
}


def column_headers_html(columns: list[dict], query) -> SafeString:
    """The header cells of the course table (``supervision.dashboard.column_headers``), each
    a link that sorts by its column on the request's query (``query``, its GET) from page 1."""
    links = _sort_links(query, [column["sort"] for column in columns])
    cells = []
    for column, link in zip(columns, links, strict=True):
        aria = column["aria_sort"]
        sorted_by = f' aria-sort="{_value(aria)}"' if aria else ""
        cells.append(
            f'\n      <th scope="col"{sorted_by}>\n'
            f'        <a href="{_value(link)}" class="sort-link">{_value(column["label"])}'
            f"{_ARROWS.get(aria, '')}</a>\n      </th>\n      "
        )
    return mark_safe("".join(cells))  # noqa: S308 - values escaped above


@cache
def flag_legend_html() -> SafeString:
    """What the flags mean (the page's ``flag_legend`` partial): the same for every page, so
    rendered once per process."""
    return render_to_string("supervision/dashboard.html#flag_legend", {"flags": FLAGS})


def course_rows_html(rows) -> SafeString:
    """The table body's rows of the dashboard page (``supervision.dashboard.Row``)."""
    return mark_safe("".join(_row(row) for row in rows))  # noqa: S308 - values escaped above


def _signed_on(signed) -> tuple[str, str]:
    """``{{ signed|date:'c' }}`` and ``{{ signed|date:"D j M" }}`` of a local time, escaped: what
    Django's date format writes for those letters (``django.utils.dateformat``: ``c`` the ISO
    form, ``D`` the weekday's abbreviation, ``j`` the day, ``M`` the month's, in the active
    language), without parsing the two formats again for every note."""
    if signed in (None, ""):
        return "", ""
    words = f"{WEEKDAYS_ABBR[signed.weekday()]} {signed.day} {MONTHS_3[signed.month].title()}"
    return _value(signed.isoformat()), _value(words)


def _note(note) -> str:
    course = note.course
    iso, words = _signed_on(template_localtime(note.signed_at))
    return (
        f'\n    <li><a href="{_url("sessions:detail", note.pk)}">'
        f"{_value(course.client.full_name)}, session {_value(note.number)}</a>\n"
        f'      <span class="muted small">{_value(course.client.record_number)} · '
        f"{_value(course.therapist.display_name)} · signed "
        f'<time datetime="{iso}">{words}</time></span></li>\n    '
    )


def awaiting_html(notes) -> SafeString:
    """The list items of the notes awaiting co-signature (``supervision.dashboard``)."""
    return mark_safe("".join(_note(note) for note in notes))  # noqa: S308 - values escaped
