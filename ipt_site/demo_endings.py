"""Demo endings for ``manage.py seed_demo``, run straight after the cases demo (it lives at the top: it scores questionnaires on cases' courses).

- DEMO-1008 (Marek Novak) answers the PHQ-9 suicide item positively in session 5 and then moves
  away: the course ends early with a recorded risk handover and the flag stays open, listed as
  "open risk on closed courses" for his therapist, the supervisor and the service administrator.
- DEMO-1009 (Carla Mendes) does not respond (PHQ-9 17 to 15, still at caseness): the course is
  completed with a medication review decided and printed in the summary letter.

Idempotent: only a course still active is scored and closed.
"""

from django.utils import timezone

from cases.models import Course
from cases.models.courses import CourseStatus
from cases.services import endings as ending_services

# record number -> [(session number, {instrument: total}, suicide item answered positively)]
SCORES: dict[str, list[tuple[int, dict[str, int], bool]]] = {
    "DEMO-1008": [
        (1, {"phq9": 19, "gad7": 13}, False),
        (5, {"phq9": 18, "gad7": 12}, True),
    ],
    "DEMO-1009": [
        (1, {"phq9": 17, "gad7": 12}, False),
        (5, {"phq9": 16, "gad7": 12}, False),
        (9, {"phq9": 16, "gad7": 11}, False),
        (13, {"phq9": 15, "gad7": 11}, False),
    ],
}

HANDOVER = {
    "told": "His GP, Dr Ansah, by phone on the day he told us he was moving; the duty worker "
    "of the crisis team in his new area by phone and secure email.",
    "arranged": "GP appointment this week to review risk and medication; the new area's crisis "
    "team contacts him within 48 hours; he has his safety plan and the 116 123 number.",
}
DECISION = (
    "medication_review",
    "No reliable change after 14 sessions and PHQ-9 still at 15. Asked the GP to review her "
    "antidepressant; we offer a maintenance course once that has settled.",
)


def seed(users: dict) -> None:
    from measures.demo import answers_for
    from measures.services import record_response

    courses = Course.objects.filter(
        client__record_number__in=SCORES,
        therapist__in=users.values(),
        status=CourseStatus.ACTIVE,
    ).select_related("client", "therapist")
    for course in courses:
        number = course.client.record_number
        sessions = {s.number: s for s in course.sessions.attended()}
        if not course.questionnaires.exists():
            for session_number, totals, risk in SCORES[number]:
                session = sessions[session_number]
                for code, total in totals.items():
                    record_response(
                        course=course,
                        instrument_code=code,
                        answers=answers_for(code, total, risk=risk and code == "phq9"),
                        completed_on=timezone.localtime(session.held_at).date(),
                        session=session,
                        by=course.therapist,
                    )
        if number == "DEMO-1008":
            ending_services.end_course_early(
                course.therapist,
                course,
                "moved_away",
                "Moved to another city for work at short notice.",
                **HANDOVER,
            )
        else:
            decision, reason = DECISION
            ending_services.complete_course(
                course.therapist, course, decision=decision, reason=reason
            )
