"""The IPSRT demo course (seed_demo): a client with bipolar II disorder six sessions into
IPSRT, with signed notes that review the social rhythm record, three weeks of that record and
a positive mania screen. One step of ``seed_demo``; idempotent by record number."""

import datetime

from cases.models import Client
from ipt_site.demo_courses import DemoCourse, _seed_one
from measures.demo_rhythm import seed_rhythm
from sessions import services
from sessions.models import NoteStatus

RECORD_NUMBER = "DEMO-4001"
SPEC = DemoCourse(
    RECORD_NUMBER,
    "Anika",
    "Raman",
    datetime.date(1990, 6, 18),
    "therapist1",
    6,
    adaptation="ipsrt",
    diagnosis="Bipolar type II disorder, current episode depressive",
    icd11="6A61",
)
REVIEWS = {
    4: (
        "Sheet shows bed times from 23:00 to past 2am; late nights follow evening calls with "
        "her brother about their mother's care. Mood lowest the day after each.",
        "Up by 7:00 every day, weekends included; calls with her brother end by 21:30.",
    ),
    5: (
        "Getting up steadier (most days within half an hour of 7:00). One late night after a "
        "work event; she noticed feeling 'wired' the next day.",
        "Keep 7:00; dinner with her partner at 19:00 on at least five days.",
    ),
    6: (
        "Most regular week so far. She reports needing less sleep and talking faster at work: "
        "ASRM positive today, assessed in session, psychiatrist informed.",
        "Keep bed time at 23:15 even when not tired; no late work events this week.",
    ),
}


DISPUTE = {
    "dispute_with": "Her brother",
    "dispute_stage": "renegotiation",
    "client_expectations": "That he shares their mother's care and calls at a set time.",
    "other_expectations": "That she, living nearer, does most of it.",
}


def _note_fields(number: int) -> dict:
    fields = {
        "mood_rating": [3, 4, 4, 5, 6, 7][number - 1],
        "mood_account": "Mood followed her sleep: lower after late nights, better after a "
        "steady week.",
        "risk_asked": True,
        "risk_level": "none",
        "next_task": "Ask her brother to agree a set time for their calls about their mother.",
        "note": "Linked the week's mood to the rhythm record and to the calls with her brother.",
    }
    if number > 1:
        fields |= {"task_review": "partly", "task_review_note": "Asked once; he agreed in part."}
    if number in REVIEWS:
        fields["rhythm_review"], fields["rhythm_goal"] = REVIEWS[number]
    return fields


def seed(users: dict) -> None:
    if Client.objects.filter(record_number=RECORD_NUMBER).exists():
        return
    therapist = users[SPEC.therapist]
    _seed_one(SPEC, users, slot=7)
    client = Client.objects.get(record_number=RECORD_NUMBER)
    course = client.courses.get()
    held = list(course.sessions.attended().order_by("number"))
    for session in held:
        session = services.save_note(
            session,
            therapist,
            services.NoteChanges(
                fields=_note_fields(session.number),
                # The middle phase works the agreed focal area (a dispute with her brother).
                focal_work={"role_dispute": DISPUTE} if session.number >= 4 else {},
            ),
            expected_version=session.version,
        )
        # All signed: the sessions demo leaves the service's one draft elsewhere.
        if session.status == NoteStatus.DRAFT:
            services.sign_session(session, therapist)
    seed_rhythm(course, therapist)
