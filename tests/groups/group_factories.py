"""Test groups: a facilitator, clients, a running group (explicit makers, no fixtures files)."""

import datetime

from django.utils import timezone

from accounts.models import User
from cases.models import Course
from groups import services
from groups.models import TherapyGroup
from sessions.models import Attendance
from sessions.services import renumber
from tests import factories

FIRST_NAMES = ["Amira", "Bram", "Carys", "Dev", "Elin", "Femi", "Gus", "Hana", "Ivo", "Jun"]


def make_facilitator(supervisor: User | None = None, **fields) -> User:
    """A non-specialist group facilitator (always supervised)."""
    fields.setdefault("is_trainee", True)
    return factories.make_user(User.Role.FACILITATOR, supervisor=supervisor, **fields)


def make_group(
    lead: User | None = None, members: int = 6, co_facilitator: User | None = None, **fields
) -> TherapyGroup:
    """A group whose first session was ``weeks_ago`` weeks ago (default 2)."""
    lead = lead or factories.make_therapist(supervisor=factories.make_supervisor())
    weeks_ago = fields.pop("weeks_ago", 2)
    clients = [
        factories.make_client(
            registered_by=lead, given_name=FIRST_NAMES[i], family_name=f"Surname{i}x"
        )
        for i in range(members)
    ]
    group = services.create_group(
        lead,
        name=fields.pop("name", "Tuesday group"),
        first_session_on=timezone.localdate() - datetime.timedelta(weeks=weeks_ago),
        session_time=datetime.time(14, 0),
        clients=clients,
        co_facilitator=co_facilitator,
    )
    if fields.pop("pre_group_held", True):
        hold_pre_group_meetings(group)
    return group


def hold_pre_group_meetings(group: TherapyGroup) -> None:
    """Every member's pre-group meeting attended (a draft note), as the group format expects."""
    for course in Course.objects.filter(group_membership__group=group):
        session = course.sessions.get(planned_week=1)
        session.attendance = Attendance.ATTENDED
        session.held_at = session.scheduled_for
        session.note = "Pre-group meeting: symptoms, inventory, problem area, goals."
        session.save()
        renumber(course)


def member_post(group_session, memberships, version=None, **overrides) -> dict:
    """A full, valid post of the group-session form for ``memberships``."""
    data = {
        "version": str(version if version is not None else group_session.version),
        "group-theme": "Naming our problem areas",
        "group-exercises": "Check-in round; mood ratings",
        "group-group_process": "Members listened well.",
        "action": "save",
    }
    for m in memberships:
        p = f"m{m.pk}"
        data |= {
            f"{p}-attendance": "attended",
            f"{p}-note": f"Entry for {m.course.client.given_name} only",
            f"{p}-problem_area_work": f"Area work of {m.course.client.given_name}",
            f"{p}-next_task": f"Task of {m.course.client.given_name}",
            f"{p}-risk_asked": "yes",
            f"{p}-risk_level": "none",
        }
    data |= overrides
    return data
