"""The caseload's table rows, written in Python byte for byte as the template
``cases/includes/caseload_rows.html`` writes them (a therapist's caseload shows 30 or more
rows, a supervisor's hundreds; the template's lookups, filters and include per row cost more
than every query of the page together).

The template stays the reference: tests/cases/test_caseload_rows.py renders both for courses
in every state the rows show (planned, over the plan, risk, mania, not on track, no
appointment, preferred names, the therapist column) and compares them.
"""

import html

from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS_3, WEEKDAYS_ABBR
from django.utils.encoding import force_str
from django.utils.safestring import SafeString, mark_safe

from cases.models import Course
from cases.phases import PHASE_LABELS
from measures.templatetags.outcome_panels import outcome_flags
from measures.templatetags.rhythm_panels import mania_tag

ROWS_TEMPLATE = "cases/includes/caseload_rows.html"
_MARKER = 987654321


def _text(value) -> str:
    """``conditional_escape``, without its lazy-string wrapper on every call: markup marked
    safe is kept, anything else is ``str()``-ed and escaped as Django's ``escape`` does
    (``html.escape``, quotes included)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


class _Appointments:
    """``|date:'c'`` and ``|date:"D j M, H:i"`` of the local time, as ``DateFormat`` writes
    them (``c``: ``isoformat()``; ``D``, ``M``: the translated abbreviations), without
    building a formatter twice a row. One per call of ``caseload_rows``: the time zone and
    the names are looked up once for its rows (the language and zone do not change within a
    request)."""

    def __init__(self):
        self.zone = timezone.get_current_timezone()
        self.months: dict[int, str] = {}
        self.days: dict[int, str] = {}

    def __call__(self, when) -> str:
        if not when:
            return '<span class="muted">None booked</span>'
        local = when.astimezone(self.zone) if timezone.is_aware(when) else when
        month = self.months.get(local.month)
        if month is None:
            month = self.months[local.month] = str(MONTHS_3[local.month]).title()
        day = self.days.get(local.weekday())
        if day is None:
            day = self.days[local.weekday()] = str(WEEKDAYS_ABBR[local.weekday()])
        shown = f"{day} {local.day} {month}, {local:%H:%M}"
        return f'<time datetime="{_text(local.isoformat())}">{_text(shown)}</time>'


# ``get_adaptation_display``, as ``Model._get_FIELD_display`` reads it (the labels may be
# translated: they are turned into text when a row is written, not here).
_ADAPTATIONS = dict(Course._meta.get_field("adaptation").flatchoices)


def caseload_rows(courses, show_therapist: bool) -> SafeString:
    """The ``<tr>`` of each course, as ``{% for course in courses %}`` in the reference writes
    them (from what the caseload query annotated: no query here)."""
    # One reverse for the page; each row's address differs only by its course id.
    before, after = reverse("cases:course_detail", kwargs={"course_id": _MARKER}).split(
        str(_MARKER)
    )
    parts = []
    appointment = _Appointments()
    for course in courses:
        client = course.client
        phase = course.phase  # and ``phase_label`` is its label: worked out once
        planned = '<span class="tag tag--muted">Planned</span><br>'
        therapist = f"<td>{_text(course.therapist.display_name)}</td>" if show_therapist else ""
        adaptation = force_str(
            _ADAPTATIONS.get(course.adaptation, course.adaptation), strings_only=True
        )
        parts.append(
            f'\n    <tr>\n      <th scope="row"><a href="{_text(f"{before}{course.pk}{after}")}">'
            f"{_text(client.display_name)}</a><br>"
            f'<span class="muted small">{_text(client.record_number)}</span></th>\n'
            f"      {therapist}\n"
            f"      <td>{_text(adaptation)}</td>\n"
            f"      <td>{planned if course.status == 'planned' else ''}"
            f"{_text(course.position)}</td>\n"
            f'      <td><span class="tag tag--{_text(phase)}">'
            f"{_text(PHASE_LABELS[phase])}</span></td>\n"
            f"      <td>{appointment(course.next_appointment)}</td>\n"
            f'      <td class="flags">{outcome_flags(course)}{mania_tag(course)}\n</td>\n'
            "    </tr>\n    "
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value escaped above
