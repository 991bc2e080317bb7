"""The course page's schedule table, written in Python byte for byte as the template
``session_logs/panels/course_schedule.html`` writes it (three dates, a lookup or two and a
reversed URL for each of a course's twenty-odd appointments). The template stays the
reference: tests/sessions/test_course_sessions_html.py renders both and compares them."""

from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS_3, WEEKDAYS_ABBR
from django.utils.safestring import SafeString, mark_safe

from cases.escaping import text as _text
from sessions.models import Attendance
from sessions.schedule import Schedule

SCHEDULE_TEMPLATE = "session_logs/panels/course_schedule.html"
_MARK = 2_147_483_646  # an id no row has: where the appointment's id goes in the URL


def _local(value):
    return timezone.localtime(value) if timezone.is_aware(value) else value


def _month(day) -> str:
    return MONTHS_3[day.month].title()


def _row(appointment, schedule: Schedule, next_pk, move_url) -> str:
    when = _local(appointment.scheduled_for)
    is_next = next_pk is not None and appointment.pk == next_pk
    shown = (
        f"{WEEKDAYS_ABBR[when.weekday()]} {when.day} {_month(when)} {when.year:04d}, "
        f"{when.hour:02d}:{when.minute:02d}"
    )
    if appointment.pk in schedule.unrecorded:
        status = '<span class="tag tag--warn">Attendance not recorded</span>'
    else:
        status = _text(appointment.get_attendance_display())
    if appointment.number:
        status += f": session {_text(appointment.number)}"
    action = ""
    if move_url is not None:
        move = ""
        if appointment.attendance == Attendance.SCHEDULED:
            move = (
                f'<a href="{move_url(appointment.pk)}">Move<span class="visually-hidden"> '
                f"the appointment on {when.day} {_month(when)}</span></a>"
            )
        action = f"<td>{move}</td>"
    row_class = ' class="schedule__next"' if is_next else ""
    next_tag = ' <span class="tag tag--ok">Next</span>' if is_next else ""
    return (
        f"\n    <tr{row_class}>\n"
        f'      <th scope="row">{_text(appointment.planned_week or "Extra")}</th>\n'
        f'      <td><time datetime="{_text(when.isoformat())}">{_text(shown)}</time>'
        f"{next_tag}</td>\n"
        f"      <td>{status}</td>\n"
        f"      {action}\n"
        "    </tr>\n    "
    )


def schedule_html(course, schedule: Schedule, can_edit: bool) -> SafeString:
    """The schedule section of the course page for ``schedule`` (``schedule_for``)."""
    parts = [
        '<section aria-labelledby="schedule-heading" class="card">\n'
        '  <h2 id="schedule-heading">Schedule</h2>\n  '
    ]
    if schedule.appointments:
        editing = bool(can_edit and course.is_open)
        move_url = None
        if editing:
            head, tail = reverse("sessions:appointment_move", args=[course.pk, _MARK]).split(
                str(_MARK)
            )

            def move_url(pk):
                return f"{head}{int(pk)}{tail}"

        actions = (
            '<th scope="col"><span class="visually-hidden">Actions</span></th>' if editing else ""
        )
        next_pk = schedule.next_appointment.pk if schedule.next_appointment else None
        parts.append(
            '\n  <table class="table schedule">\n'
            '    <caption class="visually-hidden">Appointments of the course</caption>\n'
            '    <thead><tr><th scope="col">Week</th><th scope="col">Date</th>'
            f'<th scope="col">Status</th>{actions}</tr></thead>\n'
            "    <tbody>\n    "
        )
        parts.extend(_row(a, schedule, next_pk, move_url) for a in schedule.appointments)
        parts.append("\n    </tbody>\n  </table>\n  ")
    else:
        parts.append('\n  <p class="muted">No appointments.</p>\n  ')
    parts.append("\n</section>\n")
    return mark_safe("".join(parts))  # noqa: S308 - every value escaped above
