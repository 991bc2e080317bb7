"""The caseload's table rows, written in Python byte for byte as the template
``cases/includes/caseload_rows.html`` writes them (a therapist's caseload shows 30 or more
rows, a supervisor's hundreds; the template's lookups, filters and include per row cost more
than every query of the page together).

The template stays the reference: tests/cases/test_caseload_rows.py renders both for courses
in every state the rows show (planned, over the plan, risk, mania, not on track, no
appointment, preferred names, the therapist column) and compares them.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS_3, WEEKDAYS_ABBR
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from cases.phases import PHASE_LABELS
from measures.templatetags.outcome_panels import outcome_flags
from measures.templatetags.rhythm_panels import mania_tag

ROWS_TEMPLATE = "cases/includes/caseload_rows.html"
_MARKER = 987654321


def _text(value) -> str:
    return conditional_escape(value)


def _appointment(when) -> str:
    """``|date:'c'`` and ``|date:"D j M, H:i"`` of the local time, as ``DateFormat`` writes
    them (``c``: ``isoformat()``; ``D``, ``M``: the translated abbreviations), without
    building a formatter twice a row."""
    if not when:
        return '<span class="muted">None booked</span>'
    local = timezone.localtime(when) if timezone.is_aware(when) else when
    month = str(MONTHS_3[local.month]).title()
    shown = f"{WEEKDAYS_ABBR[local.weekday()]} {local.day} {month}, {local:%H:%M}"
    return f'<time datetime="{_text(local.isoformat())}">{_text(shown)}</time>'


def caseload_rows(courses, show_therapist: bool) -> SafeString:
    """The ``<tr>`` of each course, as ``{% for course in courses %}`` in the reference writes
    them (from what the caseload query annotated: no query here)."""
    # One reverse for the page; each row's address differs only by its course id.
    before, after = reverse("cases:course_detail", kwargs={"course_id": _MARKER}).split(
        str(_MARKER)
    )
    parts = []
    for course in courses:
        client = course.client
        phase = course.phase  # and ``phase_label`` is its label: worked out once
        planned = '<span class="tag tag--muted">Planned</span><br>'
        therapist = f"<td>{_text(course.therapist.display_name)}</td>" if show_therapist else ""
        parts.append(
            f'\n    <tr>\n      <th scope="row"><a href="{_text(f"{before}{course.pk}{after}")}">'
            f"{_text(client.display_name)}</a><br>"
            f'<span class="muted small">{_text(client.record_number)}</span></th>\n'
            f"      {therapist}\n"
            f"      <td>{_text(course.get_adaptation_display())}</td>\n"
            f"      <td>{planned if course.status == 'planned' else ''}"
            f"{_text(course.position)}</td>\n"
            f'      <td><span class="tag tag--{_text(phase)}">'
            f"{_text(PHASE_LABELS[phase])}</span></td>\n"
            f"      <td>{_appointment(course.next_appointment)}</td>\n"
            f'      <td class="flags">{outcome_flags(course)}{mania_tag(course)}\n</td>\n'
            "    </tr>\n    "
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value escaped above
