"""Demo maintenance IPT and a booster for ``manage.py seed_demo`` (run after the session notes).

- DEMO-1005 (Hannah Brooks) completed her acute course with "maintenance course" decided: a
  monthly maintenance course of six sessions continues it, with her inventory, formulation and
  relapse plan carried over, and its first session held, noted and signed.
- DEMO-2007 (Fiona Gallagher) stopped by her own choice: a single booster session is recorded on
  her completed course ahead of a known stressor; the course stays completed.

Lives at the top: it writes session notes (sessions) and questionnaires (measures) together.
Idempotent: nothing is added where a maintenance course or a booster already exists.
"""

import datetime

from django.utils import timezone

from cases.course_kinds import Cadence
from cases.models import Course
from cases.models.courses import CourseStatus
from cases.services.courses import start_course
from sessions import maintenance, services
from sessions.boosters import BoosterSession
from sessions.models import Attendance

NOTE = {
    "mood_rating": 7,
    "mood_account": "Steady month; one low weekend after a tense call with her sister.",
    "events_since_last": "Back at work full time. Her sister visited; they argued about their "
    "mother's care, then agreed to split the visits.",
    "focal_area_review": "The role dispute with her sister is at renegotiation and holding: she "
    "asked directly for help instead of going quiet, as practised in the acute course.",
    "warning_signs_noticed": "Woke early two nights in a row after the argument; none since.",
    "relapse_plan_reviewed": True,
    "risk_asked": True,
    "risk_level": "none",
    "techniques": ["communication_analysis", "linking_affect_to_events"],
    "note": "Reviewed the plan's warning signs together; she would call the GP if early waking "
    "lasts a week. Next session in four weeks.",
}
BOOSTER = {
    "duration_minutes": 50,
    "reason": "Her mother's operation is next month; she asked for one session to plan for it.",
    "focal_area_review": "Talked through asking her partner to share the hospital visits.",
    "warning_signs_noticed": "None yet; knows that withdrawing from friends is her first sign.",
    "relapse_plan_reviewed": True,
    "risk_asked": True,
    "note": "Staying-well plan read through; no further sessions needed for now.",
}


def seed(users: dict) -> None:
    _maintenance_course(users["therapist1"])
    _booster(users["therapist2"])


def _completed(record_number: str, therapist) -> Course | None:
    return Course.objects.filter(
        client__record_number=record_number, therapist=therapist, status=CourseStatus.COMPLETED
    ).first()


def _maintenance_course(therapist) -> None:
    acute = _completed("DEMO-1005", therapist)
    if acute is None or acute.maintenance_courses.exists():
        return
    today = timezone.localdate()
    ended = acute.clinical_end or today
    start = max(min(ended + datetime.timedelta(days=7), today - datetime.timedelta(days=1)), ended)
    course = maintenance.open_maintenance_course(
        therapist, acute, cadence_weeks=Cadence.MONTHLY, planned_sessions=6, start_date=start
    )
    start_course(therapist, course)
    session = course.sessions.get(planned_week=1)
    held_at = min(session.scheduled_for, timezone.now() - datetime.timedelta(hours=1))
    session = services.record_attendance(
        session, therapist, attendance=Attendance.ATTENDED, held_at=held_at, duration_minutes=50
    )
    session = services.save_note(
        session, therapist, services.NoteChanges(fields=NOTE), expected_version=session.version
    )
    _questionnaires(course, session, therapist)
    services.sign_session(session, therapist)


def _questionnaires(course, session, therapist) -> None:
    from measures.demo import answers_for
    from measures.services import record_response

    for code, total in (("phq9", 6), ("gad7", 5)):
        record_response(
            course=course,
            instrument_code=code,
            answers=answers_for(code, total),
            completed_on=timezone.localtime(session.held_at).date(),
            session=session,
            by=therapist,
        )


def _booster(therapist) -> None:
    course = _completed("DEMO-2007", therapist)
    if course is None or BoosterSession.objects.filter(course=course).exists():
        return
    maintenance.record_booster(therapist, course, {"held_on": timezone.localdate(), **BOOSTER})
