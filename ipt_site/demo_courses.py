"""Demo clients and courses for ``manage.py seed_demo``: every phase and every status.

Idempotent: a client whose record number exists is left alone. Names are fictional.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from cases import demo_initial_records
from cases.models import Client, Course
from cases.services import clients as client_services
from cases.services import courses as course_services
from cases.services import endings as ending_services
from sessions.models import Attendance

MOODS = [3, 3, 4, 4, 5, 4, 5, 6, 6, 5, 6, 7, 7, 7, 8, 8]
NOTES = [
    "Reviewed symptoms together; named the depression and explained it can be treated.",
    "Began the interpersonal inventory; talked through who is close and who is not.",
    "Agreed the focal area and shared the formulation; client recognised the link.",
    "Role-played a conversation with her sister; client rehearsed asking for help.",
    "Explored feelings about the change at work; identified what was lost.",
    "Client reported trying the planned conversation; partly went well.",
    "Worked on options for the dispute; client chose one to try this week.",
    "Mood improved after a weekend with friends; linked it to reaching out.",
    "Discussed the approaching end of therapy and what has changed.",
]


@dataclass
class DemoCourse:
    record_number: str
    given: str
    family: str
    born: datetime.date
    therapist: str
    attended: int
    planned: int = 16
    adaptation: str = "standard"
    diagnosis: str = "Depressive episode, moderate"
    icd11: str = "6A70.1"
    outcome: str = "active"  # planned, active, completed, ended_early, transferred
    end_reason: str = ""
    dna_weeks: set[int] = field(default_factory=set)
    archive_reason: str = ""
    # What happens next, recorded when completing (scores are added later by the measures demo).
    decision: tuple[str, str] = ("", "")


DEMO: list[DemoCourse] = [
    DemoCourse("DEMO-1001", "Maya", "Lindqvist", datetime.date(1991, 3, 14), "therapist1", 2),
    DemoCourse(
        "DEMO-1002", "Daniel", "Osei", datetime.date(1984, 7, 2), "therapist1", 7, dna_weeks={5}
    ),
    DemoCourse(
        "DEMO-1003", "Grace", "Whitfield", datetime.date(1969, 11, 23), "therapist1", 10, 12
    ),
    DemoCourse(
        "DEMO-1004",
        "Leo",
        "Marchetti",
        datetime.date(1995, 1, 9),
        "therapist1",
        0,
        14,
        **{"outcome": "planned"},
    ),
    DemoCourse(
        "DEMO-1005",
        "Hannah",
        "Brooks",
        datetime.date(1978, 5, 30),
        "therapist1",
        16,
        outcome="completed",
        decision=(
            "maintenance",
            "Second episode in four years: monthly maintenance sessions for six months, "
            "to be opened as a new course after a break of a month.",
        ),
    ),
    DemoCourse(
        "DEMO-1006",
        "Samir",
        "Haddad",
        datetime.date(1988, 9, 17),
        "therapist1",
        4,
        outcome="ended_early",
        end_reason="dropped_out",
    ),
    DemoCourse(
        "DEMO-1007",
        "Ivy",
        "Chen",
        datetime.date(1975, 2, 11),
        "therapist1",
        14,
        14,
        outcome="completed",
        decision=(
            "other",
            "Discharged to GP care; the GP repeats the PHQ-9 at her review in six weeks and "
            "re-refers if it is 10 or more.",
        ),
        archive_reason="Discharged to GP care after a completed course.",
    ),
    DemoCourse(
        "DEMO-2001",
        "Chloe",
        "Adeyemi",
        datetime.date(2011, 4, 3),
        "therapist2",
        2,
        12,
        adaptation="ipt_a",
    ),
    DemoCourse(
        "DEMO-2002",
        "Robert",
        "Kowalski",
        datetime.date(1949, 8, 21),
        "therapist2",
        9,
        adaptation="late_life",
    ),
    DemoCourse(
        "DEMO-2003",
        "Aisha",
        "Rahman",
        datetime.date(1993, 6, 12),
        "therapist2",
        11,
        14,
        adaptation="perinatal",
        diagnosis="Postnatal depression",
        icd11="6E20",
    ),
    DemoCourse(
        "DEMO-2004",
        "Ewan",
        "Fraser",
        datetime.date(1982, 12, 5),
        "therapist1",
        5,
        outcome="transferred",
    ),
    DemoCourse(
        "DEMO-2005",
        "Nadia",
        "Petrova",
        datetime.date(1999, 10, 28),
        "therapist2",
        0,
        12,
        outcome="planned",
    ),
    DemoCourse(
        "DEMO-2007",
        "Fiona",
        "Gallagher",
        datetime.date(1986, 1, 19),
        "therapist2",
        12,
        12,
        outcome="completed",
        decision=(
            "client_choice",
            "Feels well enough to stop and wants to try on her own; knows how to come back "
            "through her GP.",
        ),
    ),
    DemoCourse(
        "DEMO-2006",
        "Owen",
        "Hughes",
        datetime.date(1990, 3, 1),
        "therapist2",
        3,
        outcome="ended_early",
        end_reason="moved_away",
    ),
    # Closed by ``ipt_site.demo_endings`` once scored: an early ending with an open risk flag and
    # its handover, and a non-responder completed with a decision on what happens next.
    DemoCourse("DEMO-1008", "Marek", "Novak", datetime.date(1980, 8, 4), "therapist1", 6),
    DemoCourse("DEMO-1009", "Carla", "Mendes", datetime.date(1972, 5, 19), "therapist1", 14, 14),
]


def seed(users: dict) -> None:
    for slot, spec in enumerate(DEMO):
        if not Client.objects.filter(record_number=spec.record_number).exists():
            _seed_one(spec, users, slot)


# Spread each therapist's clients over the week so no two share an appointment time.
TIMES = [datetime.time(9, 0), datetime.time(11, 0), datetime.time(14, 0), datetime.time(16, 0)]


def _seed_one(spec: DemoCourse, users: dict, slot: int) -> None:
    therapist = users[spec.therapist]
    client = client_services.register_client(
        therapist,
        Client(
            record_number=spec.record_number,
            given_name=spec.given,
            family_name=spec.family,
            date_of_birth=spec.born,
            phone="01632 960" + spec.record_number[-3:],
            referral_source="GP referral",
            referral_date=timezone.localdate() - datetime.timedelta(weeks=spec.attended + 6),
            consent_date=timezone.localdate() - datetime.timedelta(weeks=spec.attended + 1),
        ),
    )
    weeks_run = spec.attended + len(spec.dna_weeks)
    # Held sessions lie in the past and the next appointment two days ahead.
    start = (
        timezone.localdate()
        - datetime.timedelta(weeks=weeks_run)
        + datetime.timedelta(days=1 + slot % 4)
    )
    course = course_services.open_course(
        therapist,
        Course(
            client=client,
            adaptation=spec.adaptation,
            planned_sessions=spec.planned,
            start_date=start,
            diagnosis=spec.diagnosis,
            icd11_code=spec.icd11,
            usual_weekday=start.weekday(),
            usual_time=TIMES[(slot // 4) % len(TIMES)],
        ),
        demo_initial_records.suitability_for(spec.adaptation),
    )
    if spec.outcome == "planned":
        return
    course_services.start_course(therapist, course)
    course.started_on = start
    course.save(update_fields=["started_on"])
    _hold_sessions(course, spec, users)
    demo_initial_records.record_agreements(course, ran_to_the_end=spec.outcome == "completed")
    if spec.outcome == "completed":
        decision, reason = spec.decision
        ending_services.complete_course(therapist, course, decision=decision, reason=reason)
    elif spec.outcome == "ended_early":
        ending_services.end_course_early(
            therapist, course, spec.end_reason, "Client let us know by phone."
        )
    elif spec.outcome == "transferred":
        course_services.transfer_course(
            therapist, course, users["therapist2"], "Caseload balancing before leave."
        )
    if spec.archive_reason:
        client_services.archive_client(therapist, client, spec.archive_reason)


def _hold_sessions(course: Course, spec: DemoCourse, users: dict) -> None:
    therapist = users[spec.therapist]
    appointments = list(
        course.sessions.order_by("planned_week")[: spec.attended + len(spec.dna_weeks)]
    )
    number = 0
    for week, appointment in enumerate(appointments, start=1):
        if week in spec.dna_weeks:
            appointment.attendance = Attendance.DID_NOT_ATTEND
            appointment.follow_up_action = "Phoned the client; rebooked for next week."
            appointment.save()
            continue
        number += 1
        appointment.attendance = Attendance.ATTENDED
        appointment.number = number
        appointment.held_at = appointment.scheduled_for
        appointment.duration_minutes = 50
        appointment.author = therapist
        appointment.mood_rating = MOODS[min(number, len(MOODS)) - 1]
        appointment.risk_asked = True
        appointment.risk_level = "low" if number == 1 else "none"
        appointment.note = NOTES[(number - 1) % len(NOTES)]
        appointment.diagnosis_given = number == 1
        appointment.psychoeducation_given = number == 1
        appointment.sick_role_explained = number == 2
        # Left a draft: the sessions demo completes the note, then signs it (a signed note is
        # never written to again).
        appointment.save()
