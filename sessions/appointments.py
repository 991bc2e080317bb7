"""Which appointment a therapist is about to record: today's, or one of those due."""

import datetime

from django.utils import timezone

from cases.models import Course
from sessions.models import Session


def due_appointments(course: Course) -> list[Session]:
    """Appointments up to the end of today not yet recorded, oldest first (one query)."""
    end_of_today = timezone.make_aware(
        datetime.datetime.combine(
            timezone.localdate() + datetime.timedelta(days=1), datetime.time()
        )
    )
    return list(course.sessions.scheduled().filter(scheduled_for__lt=end_of_today))


def todays_appointment(scheduled: list[Session]) -> Session | None:
    """Today's appointment among ``scheduled`` (already loaded, earliest first): no query."""
    today = timezone.localdate()
    return next((s for s in scheduled if timezone.localtime(s.scheduled_for).date() == today), None)
