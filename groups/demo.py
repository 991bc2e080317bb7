"""Demo data for group IPT (``manage.py seed_demo``): a running group of six, two sessions held,
one member at risk. Idempotent: found by the group's name, never duplicated.

Led by therapist1 with a supervised non-specialist co-facilitator (``facilitator1``). The lead
signs both sessions, so the demo co-signature queue stays the trainee therapist's.
"""

import datetime

from django.utils import timezone

from cases.models import Client
from cases.services import clients as client_services
from groups import services
from groups.models import Membership, TherapyGroup
from measures.services import record_response
from sessions.models import Attendance, NoteStatus, Session
from sessions.services import renumber

GROUP_NAME = "Thursday afternoon group"
MEMBERS = [
    # record number, given, family, born, problem area in plain words
    ("DEMO-3001", "Aisha", "Karim", datetime.date(1988, 2, 11), "a dispute with her sister"),
    ("DEMO-3002", "Ben", "Walsh", datetime.date(1975, 9, 30), "the loss of his father"),
    ("DEMO-3003", "Chloe", "Martin", datetime.date(1996, 6, 5), "moving city for work"),
    ("DEMO-3004", "Dario", "Rossi", datetime.date(1969, 12, 1), "retirement"),
    ("DEMO-3005", "Esther", "Nwosu", datetime.date(1983, 4, 17), "loneliness since her divorce"),
    ("DEMO-3006", "Farid", "Haddad", datetime.date(1991, 8, 22), "a dispute with his manager"),
]
AT_RISK = "DEMO-3005"
MISSED_SESSION_2 = "DEMO-3004"


def seed(users: dict) -> None:
    if TherapyGroup.objects.filter(name=GROUP_NAME).exists():
        return
    lead = users["therapist1"]
    facilitator = users["facilitator1"]
    clients = [_client(lead, *row[:4]) for row in MEMBERS]
    first = timezone.localdate() - datetime.timedelta(weeks=1, days=1)
    group = services.create_group(
        lead,
        name=GROUP_NAME,
        first_session_on=first,
        session_time=datetime.time(14, 0),
        clients=clients,
        co_facilitator=facilitator,
    )
    areas = {row[0]: row[4] for row in MEMBERS}
    memberships = list(Membership.objects.of_group(group))
    for m in memberships:
        _pre_group_meeting(m, lead, areas[m.course.client.record_number])
    _session(group, 1, lead, memberships, areas)
    _session(group, 2, lead, memberships, areas)


def _client(by, record_number, given, family, born) -> Client:
    return client_services.register_client(
        by,
        Client(
            record_number=record_number,
            given_name=given,
            family_name=family,
            date_of_birth=born,
            referral_source="GP referral",
            referral_date=timezone.localdate() - datetime.timedelta(weeks=6),
            consent_date=timezone.localdate() - datetime.timedelta(weeks=3),
        ),
    )


def _phq9(course, session, by, level: str, item9: str = "0") -> None:
    answers = {str(n): level for n in range(1, 9)} | {"9": item9}
    held = timezone.localdate(session.held_at)
    record_response(
        course=course,
        instrument_code="phq9",
        answers=answers,
        completed_on=held,
        by=by,
        session=session,
    )


def _pre_group_meeting(membership: Membership, by, area: str) -> None:
    """The member's own initial phase, written complete and signed once."""
    course = membership.course
    session = course.sessions.get(planned_week=1)
    session.attendance = Attendance.ATTENDED
    session.held_at = session.scheduled_for
    session.duration_minutes = 50
    session.author = by
    session.mood_rating = 4
    session.mood_account = f"Low since {area} began to weigh on them; sleeping badly."
    session.risk_asked = True
    session.risk_level = "low"
    session.diagnosis_given = True
    session.psychoeducation_given = True
    session.sick_role_explained = True
    session.focal_area_discussed = True
    session.note = (
        f"Pre-group meeting. Symptom review and a short inventory; the problem area is {area}. "
        "Goals agreed for the group; what to expect from eight weekly sessions explained."
    )
    session.save()
    renumber(course)
    session.refresh_from_db()
    session.status = NoteStatus.SIGNED
    session.signed_at = session.held_at
    session.signed_by = by
    session.save()
    _phq9(course, session, by, "2")


def _session(group, number: int, by, memberships, areas) -> None:
    gs = group.sessions.get(number=number)
    themes = {
        1: (
            "Introductions: depression as an illness, and each member's problem area",
            "Welcome round; what depression is and is not; each member named their problem area.",
            "Aisha and Farid found they both struggle to say what they need at work and at home. "
            "Ben spoke little but stayed; the group thanked him for coming.",
        ),
        2: (
            "Linking mood to what happens between people",
            "Mood check-in 0-10; pairs practised describing one difficult conversation.",
            "The group talked about how hard it is to ask for help. Chloe offered Ben ideas "
            "for his weekends; Esther and Aisha practised opening a difficult conversation.",
        ),
    }
    theme, exercises, process = themes[number]
    changes = {}
    for m in memberships:
        rn = m.course.client.record_number
        name = m.course.client.given_name
        missed = number == 2 and rn == MISSED_SESSION_2
        risk = number == 2 and rn == AT_RISK
        changes[m.pk] = services.MemberChanges(
            attendance=Attendance.DID_NOT_ATTEND if missed else Attendance.ATTENDED,
            fields={
                "note": ""
                if missed
                else (
                    "Said she has thought she would be better off dead this week. Safety plan "
                    "started after the group; crisis line given; GP to be contacted today."
                    if risk
                    else f"{name} took part; mood a little better than last week."
                ),
                "next_task": "" if missed else f"One conversation about {areas[rn]} this week.",
                "risk_asked": None if missed else True,
                "risk_level": "" if missed else ("high" if risk else "none"),
            },
            problem_area_work="" if missed else f"Described how {areas[rn]} affects their mood.",
        )
    services.save_group_session(
        gs,
        by,
        expected_version=gs.version,
        group_fields={"theme": theme, "exercises": exercises, "group_process": process},
        members=changes,
    )
    services.sign_group_session(gs, by)
    for m in memberships:
        session = Session.objects.get(course=m.course, planned_week=gs.member_week)
        if session.attendance == Attendance.ATTENDED and number == 2:
            risk = m.course.client.record_number == AT_RISK
            _phq9(m.course, session, by, "2" if risk else "1", item9="2" if risk else "0")
