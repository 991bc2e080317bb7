"""Factories for questionnaires and risk flags (measures area)."""

import datetime

from django.utils import timezone

from measures import instruments
from measures.models import QuestionnaireResponse, RiskFlag, RiskLevel, RiskSource
from measures.services import record_response


def answers_totalling(code: str, total: int, **overrides) -> dict[str, str]:
    """Answers for a PHQ-9 / GAD-7 style instrument adding up to ``total`` (risk item kept at 0)."""
    instrument = instruments.get(code)
    keys = [item.key for item in instrument.scored_items if not item.is_risk_item]
    answers = {item.key: "0" for item in instrument.items}
    left = total
    for key in keys:
        step = min(3, left)
        answers[key] = str(step)
        left -= step
    if left:
        raise ValueError(f"{total} is too high without the risk item.")
    answers.update(overrides)
    return answers


def make_response(course, code="phq9", total=0, *, on=None, session=None, by=None, **overrides):
    return record_response(
        course=course,
        instrument_code=code,
        answers=answers_totalling(code, total, **overrides),
        completed_on=on or timezone.localdate(),
        session=session,
        by=by or course.therapist,
    )


def make_flag(course, level=RiskLevel.SCREEN, **fields) -> RiskFlag:
    if "response" not in fields and "session" not in fields:
        fields["response"] = QuestionnaireResponse.objects.create(
            course=course,
            instrument="phq9",
            completed_on=timezone.localdate() - datetime.timedelta(days=1),
            answers=answers_totalling("phq9", 1, **{"9": "1"}),
            total=2,
            band="Minimal",
            risk_positive=True,
            entered_by=course.therapist,
        )
    fields.setdefault("reason", "PHQ-9 item 9 answered positively.")
    fields.setdefault("source", RiskSource.QUESTIONNAIRE)
    fields.setdefault("raised_by", course.therapist)
    return RiskFlag.objects.create(course=course, level=level, **fields)
