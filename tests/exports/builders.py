"""A full course for the export tests: sessions, questionnaires, a risk flag, a relapse plan."""

import datetime

from django.utils import timezone

from sessions.plans import RelapsePreventionPlan
from tests import factories
from tests.measures.factories import make_response


def full_course(
    therapist, *, weeks_ago: int = 20, phq9=(18, 14, 9, 6), gad7=(12, 9, 6, 4), risk: bool = True
):
    course = factories.make_course(
        therapist=therapist,
        start_date=timezone.localdate() - datetime.timedelta(weeks=weeks_ago),
        diagnosis="Depressive episode, moderate",
        icd11_code="6A70.1",
    )
    sessions = [factories.make_session(course) for _ in range(4)]
    for session, phq, gad in zip(sessions, phq9, gad7, strict=True):
        on = timezone.localdate(session.held_at)
        make_response(course, "phq9", phq, on=on, session=session)
        make_response(course, "gad7", gad, on=on, session=session)
    # A positive item 9 raises a risk flag (and its response is one more PHQ-9).
    if risk:
        last_day = timezone.localdate(sessions[-1].held_at)
        make_response(course, "phq9", 5, on=last_day, **{"9": "1"})
    RelapsePreventionPlan.objects.create(
        course=course,
        warning_signs="Staying in bed at weekends",
        what_to_do="Call a friend; book a GP appointment",
    )
    return course
