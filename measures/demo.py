"""Demo questionnaires and risk for ``manage.py seed_demo``, on the cases demo's courses.

Runs after the cases and sessions demos and scores the sessions they recorded: for therapist1 a
course recovering (reliable recovery), one not on track, one with an open risk flag (PHQ-9 item
9 answered "Several days") and a safety plan, and a completed course for the summary letter;
for the trainee therapist2 an improving adult course, a perinatal course on PHQ-9 and GAD-7 with
the EPDS tracked beside them (both improve reliably but the EPDS is still at its cut-off, so it
is not called a recovery), and an adolescent on the PHQ-A (no published reliable-change
threshold: the change is shown as it is). Idempotent: a questionnaire already recorded in that
session is left alone, and a course or session the other demos did not create is skipped.
"""

from django.utils import timezone

from accounts.models import User
from cases import ports
from cases.models import Course
from measures import instruments
from measures.models import QuestionnaireResponse
from measures.services import record_response, save_safety_plan

# record number -> [(session number, {instrument: total}, risk answered positively)]
SERIES: dict[str, list[tuple[int, dict[str, int], bool]]] = {
    # therapist1
    "DEMO-1003": [
        (1, {"phq9": 17, "gad7": 13}, False),
        (3, {"phq9": 15, "gad7": 11}, False),
        (5, {"phq9": 12, "gad7": 9}, False),
        (7, {"phq9": 9, "gad7": 7}, False),
        (9, {"phq9": 7, "gad7": 6}, False),
    ],
    "DEMO-1002": [
        (1, {"phq9": 15, "gad7": 10}, False),
        (3, {"phq9": 15, "gad7": 10}, False),
        (5, {"phq9": 14, "gad7": 11}, False),
        (7, {"phq9": 15, "gad7": 11}, False),
    ],
    "DEMO-1001": [
        (1, {"phq9": 19, "gad7": 14}, False),
        (2, {"phq9": 18, "gad7": 14}, True),
    ],
    "DEMO-1005": [
        (1, {"phq9": 16, "gad7": 12, "wsas": 22}, False),
        (4, {"phq9": 12, "gad7": 10}, False),
        (8, {"phq9": 9, "gad7": 7}, False),
        (12, {"phq9": 6, "gad7": 5}, False),
        (16, {"phq9": 5, "gad7": 4, "wsas": 8}, False),
    ],
    # therapist2 (trainee)
    "DEMO-2004": [
        (1, {"phq9": 14, "gad7": 11}, False),
        (3, {"phq9": 12, "gad7": 9}, False),
        (5, {"phq9": 8, "gad7": 7}, False),
    ],
    "DEMO-2003": [
        (1, {"phq9": 16, "gad7": 12, "epds": 17}, False),
        (5, {"phq9": 12, "gad7": 9, "epds": 15}, False),
        (9, {"phq9": 8, "gad7": 6, "epds": 13}, False),
    ],
    "DEMO-2001": [(1, {"phqa": 15}, False), (2, {"phqa": 12}, False)],
}


def answers_for(code: str, total: int, *, risk: bool = False) -> dict[str, str]:
    """Answers adding up to ``total``: risk items at their lowest unless ``risk``; unscored
    items answered with their last, least worrying option."""
    instrument = instruments.get(code)
    answers: dict[str, str] = {}
    left = total
    for item in instrument.items:
        by_score = {o.score: o.code for o in item.options if o.score is not None}
        if not item.scored:
            answers[item.key] = next(o.code for o in reversed(item.options) if not o.risk)
        elif item.is_risk_item:
            want = 1 if risk else 0
            answers[item.key] = by_score[want]
            left -= want
    for item in instrument.scored_items:
        if item.is_risk_item:
            continue
        top = max(score for score in (o.score for o in item.options) if score is not None)
        want = min(top, left)
        answers[item.key] = next(o.code for o in item.options if o.score == want)
        left -= want
    if left:
        raise ValueError(f"{total} is out of reach for {code}")
    return answers


def seed(users: dict[str, User]) -> None:
    courses = Course.objects.filter(
        client__record_number__in=SERIES,
        therapist__in=users.values(),
        # The series belong to the acute courses; a maintenance course has its own demo.
        continues_course__isnull=True,
    ).select_related("client", "therapist")
    for course in courses:
        recorded = set(
            QuestionnaireResponse.objects.filter(course=course).values_list(
                "session_id", "instrument"
            )
        )
        sessions = {s.number: s for s in ports.book().attended(course)}
        for number, totals, risk in SERIES[course.client.record_number]:
            session = sessions.get(number)
            if session is None:
                continue
            day = timezone.localtime(session.held_at or session.scheduled_for).date()
            for code, total in totals.items():
                if (session.pk, code) in recorded:
                    continue
                record_response(
                    course=course,
                    instrument_code=code,
                    answers=answers_for(code, total, risk=risk and code in ("phq9", "phqa")),
                    completed_on=day,
                    session=session,
                    by=course.therapist,
                )
    _safety_plan(courses)


# The course whose client answered the suicide item gets a safety plan, as it would in clinic.
SAFETY_PLAN = {
    "warning_signs": "Not sleeping for two nights running; stopping replying to Mum; "
    "thinking 'they'd be better off without me'.",
    "coping_strategies": "Go for a walk round the park; shower and change; write the thought "
    "down and the answer she would give a friend.",
    "social_distractions": "The café on Mill Road; phoning her friend Priya to talk about "
    "anything else.",
    "help_contacts": "Her mum (number in her phone under 'Mum'); her neighbour Ruth.",
    "professional_contacts": "Her therapist during clinic hours; her GP surgery; the crisis "
    "line 116 123 at any hour; 999 or A&E in an emergency.",
    "safer_environment": "Dan, her partner, keeps the spare medication; she agreed to give him the "
    "old prescription boxes this week.",
}


def _safety_plan(courses) -> None:
    for course in courses:
        if course.client.record_number == "DEMO-1001" and not hasattr(course, "safety_plan"):
            save_safety_plan(course, by=course.therapist, data=SAFETY_PLAN, version=None)
