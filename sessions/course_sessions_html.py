"""The course page's list of sessions, written in Python byte for byte as the template
``session_logs/panels/course_sessions.html`` writes it (with ``note_state.html`` for each row).

A course of twenty sessions made the template resolve a few hundred variables, format twenty
dates and reverse twenty URLs, about a tenth of the course page's time. Here each URL is
reversed once and formatted per row. The template stays the reference:
tests/sessions/test_course_sessions_html.py renders both for courses in every state and
compares them.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS, MONTHS_3, WEEKDAYS, WEEKDAYS_ABBR
from django.utils.safestring import SafeString, mark_safe

from cases.escaping import text as _text
from sessions.models import NoteStatus

PANEL_TEMPLATE = "session_logs/panels/course_sessions.html"
_MARK = 2_147_483_646
_NOT_PROVIDED = "NOTPROVIDED"  # Django's stand-in when a view is exempt from CSRF checks  # an id no row has: where the id goes in a reversed URL


def _url_maker(name: str):
    """``reverse(name, args=[pk])`` for any pk, from one reverse."""
    head, tail = reverse(name, args=[_MARK]).split(str(_MARK))
    return lambda pk: f"{head}{int(pk)}{tail}"


def _local(value):
    # The template's ``date`` filter shows an aware datetime in the current time zone.
    return timezone.localtime(value) if timezone.is_aware(value) else value


def _short_day(value) -> str:
    """``value|date:"D j M Y"`` (Django's ``dateformat`` letters, without parsing the
    pattern for every row)."""
    day = _local(value)
    return _text(
        f"{WEEKDAYS_ABBR[day.weekday()]} {day.day} {MONTHS_3[day.month].title()} {day.year:04d}"
    )


def _long_day_time(value) -> str:
    """``value|date:"l j F Y, H:i"``."""
    day = _local(value)
    return _text(
        f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month]} {day.year:04d}, "
        f"{day.hour:02d}:{day.minute:02d}"
    )


def note_state_html(session) -> str:
    """``session_logs/includes/note_state.html`` for a session of ``course_sessions``."""
    if session.is_void:
        state = '<span class="tag tag--muted">Void</span>'
    elif session.attendance != "attended":
        state = '<span class="muted">No note</span>'
    elif session.status == NoteStatus.COSIGNED:
        state = '<span class="tag tag--ok">Co-signed</span>'
    elif session.status == NoteStatus.SIGNED and session.signer_is_trainee:
        # ``session.awaiting_cosignature``, from the flag ``course_sessions`` read with the row.
        state = '<span class="tag tag--warn">Signed, awaiting co-signature</span>'
    elif session.status == NoteStatus.SIGNED:
        state = '<span class="tag tag--ok">Signed</span>'
    elif session.status == NoteStatus.RETURNED:
        state = '<span class="tag tag--risk">Returned for revision</span>'
    else:
        state = '<span class="tag tag--muted">Draft</span>'
    return state + "\n"


def _csrf_input(csrf_token) -> str:
    # As ``{% csrf_token %}``.
    if not csrf_token or csrf_token == _NOT_PROVIDED:
        return ""
    return f'<input type="hidden" name="csrfmiddlewaretoken" value="{_text(str(csrf_token))}">'


def _row(session, course, detail_url) -> str:
    if session.number:
        label = f"Session {_text(session.number)}"
    elif session.is_void:
        label = "Voided"
    else:
        label = "Appointment"
    extra = ' <span class="tag tag--warn">Extra</span>' if session.is_extra else ""
    phase = session.phase
    phase_tag = (
        f'<span class="tag tag--{_text(phase)}">{_text(session.phase_label)}</span>'
        if phase
        else ""
    )
    task = ""
    if session.is_attended:
        if session.has_task:
            task = "Yes"
        elif course.is_maintenance:
            task = '<span class="muted">Not used in maintenance</span>'
        else:
            task = '<span class="tag tag--warn">No task</span>'
    void = ' class="row--void"' if session.is_void else ""
    return (
        f"\n      <tr{void}>\n"
        f'        <th scope="row"><a href="{detail_url(session.pk)}">{label}</a>{extra}</th>\n'
        f"        <td>{_short_day(session.when)}</td>\n"
        f"        <td>{_text(session.get_attendance_display())}</td>\n"
        f"        <td>{phase_tag}</td>\n"
        f"        <td>{note_state_html(session)}</td>\n"
        f"        <td>{task}</td>\n"
        "      </tr>\n      "
    )


def course_sessions_html(
    course,
    *,
    recorded: list,
    next_appointment,
    todays_appointment,
    later_count: int,
    can_write: bool,
    csrf_token=None,
) -> SafeString:
    """The panel for the values ``session_panels.course_sessions_panel`` gathers."""
    detail_url = _url_maker("sessions:detail")
    parts = [
        '<section aria-labelledby="sessions-heading" class="card" id="sessions">\n'
        '  <div class="page-head">\n'
        '    <h2 id="sessions-heading">Sessions</h2>\n    '
    ]
    if can_write and course.status == "active":
        if todays_appointment:
            record = reverse("sessions:edit", args=[todays_appointment.pk])
        else:
            record = reverse("sessions:record", args=[course.pk])
        add_extra = reverse("sessions:add_extra", args=[course.pk])
        parts.append(
            '\n    <div class="actions">\n'
            f'      <a class="button" href="{_text(record)}">Record a session</a>\n'
            f'      <form method="post" action="{_text(add_extra)}" class="inline-form">\n'
            f"        {_csrf_input(csrf_token)}\n"
            '        <button type="submit" class="button button--secondary">'
            "Add an extra session</button>\n"
            "      </form>\n"
            "    </div>\n    "
        )
    parts.append("\n  </div>\n  ")
    if can_write and course.status == "planned":
        parts.append('\n  <p class="muted">Start the course to record its sessions.</p>\n  ')
    parts.append("\n  ")
    if recorded:
        parts.append(
            '\n  <table class="table" data-testid="sessions-table">\n'
            '    <caption class="visually-hidden">Sessions of this course</caption>\n'
            "    <thead>\n"
            "      <tr>\n"
            '        <th scope="col">No.</th>\n'
            '        <th scope="col">Date</th>\n'
            '        <th scope="col">Attendance</th>\n'
            '        <th scope="col">Phase</th>\n'
            '        <th scope="col">Note</th>\n'
            '        <th scope="col">Task set</th>\n'
            "      </tr>\n"
            "    </thead>\n"
            "    <tbody>\n      "
        )
        parts.extend(_row(session, course, detail_url) for session in recorded)
        parts.append("\n    </tbody>\n  </table>\n  ")
    else:
        parts.append('\n  <p class="muted">No session recorded yet.</p>\n  ')
    parts.append("\n  ")
    if next_appointment:
        later = (
            f' <span class="muted">and {_text(later_count)} more planned</span>'
            if later_count
            else ""
        )
        parts.append(
            f'\n  <p>Next appointment: <a href="{detail_url(next_appointment.pk)}">'
            f"{_long_day_time(next_appointment.scheduled_for)}</a>{later}.</p>\n  "
        )
    parts.append("\n</section>\n")
    return mark_safe("".join(parts))  # noqa: S308 - every value escaped above
