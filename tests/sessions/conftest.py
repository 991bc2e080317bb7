import datetime

import pytest
from django.utils import timezone

from sessions.models import Attendance
from tests import factories


def scheduled(course, week: int = 0, **fields):
    """A planned appointment of ``course``, not yet recorded."""
    when = timezone.make_aware(
        datetime.datetime.combine(
            course.start_date + datetime.timedelta(weeks=week), datetime.time(9, 30)
        )
    )
    fields.setdefault("planned_week", week + 1)
    return factories.make_session(
        course, attendance=Attendance.SCHEDULED, scheduled_for=when, **fields
    )


def note_data(session, **overrides) -> dict:
    """A valid POST of the note form for ``session``, as the browser would send it."""
    data = {
        "version": session.version,
        "mood_rating": "4",
        "mood_account": "Low after a row with her sister at the weekend.",
        "task_review": "partly",
        "task_review_note": "Called her sister but hung up early.",
        "techniques": ["communication_analysis", "role_play"],
        "risk_asked": "yes",
        "risk_level": "low",
        "risk_action": "Passive thoughts only; safety plan reviewed.",
        "next_task": "Ask her sister directly for help with the school run.",
        "next_task_person": "Sister",
        "note": "Engaged well. Linked the low mood to the argument.",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def session(course):
    """Attended session 1 of the therapist's course, with a draft note."""
    return factories.make_session(course)


@pytest.fixture
def middle_session(course):
    for _ in range(4):
        factories.make_session(course)
    return course.sessions.get(number=4)
