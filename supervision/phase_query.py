"""A course's current phase as a database expression, so the dashboard's phase filter and the
service figures' count by phase run in the query: the rules of ``cases.phases`` (acute,
maintenance and a group member's course) written in SQL terms."""

from django.db.models import Case, CharField, F, Q, Value, When
from django.db.models.functions import Least
from django.db.models.lookups import GreaterThan, GreaterThanOrEqual, LessThanOrEqual

from cases.course_kinds import CourseDelivery
from cases.phases import GROUP_TERMINATION_SESSIONS, INITIAL_SESSIONS, MAX_TERMINATION_SESSIONS


def current_phase():
    """``Course.phase`` of an active course as a database expression (``cases.phases``'s rule
    for session ``attended + 1``), so the phase filter runs in the query. Needs ``attended``."""
    planned = F("planned_sessions")
    number = F("attended") + 1
    initial = Least(Value(INITIAL_SESSIONS), (planned + 3) / 4)
    termination = Least(Value(MAX_TERMINATION_SESSIONS), (planned + 2) / 4)
    return Case(
        # A group member's course (``cases.phases.member_phase_for``): the pre-group meeting and
        # the first group session are initial, the group's last two sessions termination.
        When(
            delivery=CourseDelivery.GROUP_MEMBER,
            then=Case(
                When(LessThanOrEqual(number, 2) | Q(planned_sessions=1), then=Value("initial")),
                When(
                    GreaterThan(number, planned - GROUP_TERMINATION_SESSIONS),
                    then=Value("termination"),
                ),
                default=Value("middle"),
            ),
        ),
        # A maintenance course (``cases.phases.maintenance_phase_for``): no initial phase, the
        # last planned session (and any past it) termination.
        When(
            continues_course__isnull=False,
            then=Case(
                When(
                    GreaterThan(planned, 1) & GreaterThanOrEqual(number, planned),
                    then=Value("termination"),
                ),
                default=Value("middle"),
            ),
        ),
        When(GreaterThan(number, planned), then=Value("termination")),
        When(LessThanOrEqual(number, initial), then=Value("initial")),
        When(GreaterThan(number, planned - termination), then=Value("termination")),
        default=Value("middle"),
        output_field=CharField(),
    )
