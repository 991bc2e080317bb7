"""Writing a week of the social rhythm record: atomic, audited, corrections kept."""

import datetime

from django.db import transaction
from django.utils import timezone

from audit.trail import record
from measures.rhythm import DAYS_IN_WEEK
from measures.rhythm_models import SocialRhythmDay


class StaleRhythmWeek(Exception):
    """The week was saved by someone else (or another tab) since this copy was opened."""


def week_days(course, week_start: datetime.date) -> dict[datetime.date, SocialRhythmDay]:
    """The current version of each saved day of the week (one query)."""
    end = week_start + datetime.timedelta(days=DAYS_IN_WEEK - 1)
    rows = SocialRhythmDay.objects.current().filter(course=course, day__range=(week_start, end))
    return {row.day: row for row in rows}


def week_token(saved: dict) -> str:
    """What the form was loaded with: the ids of the week's current rows."""
    return ",".join(str(row.pk) for row in sorted(saved.values(), key=lambda r: r.pk))


def record_week(course, days: list[tuple[datetime.date, dict]], *, by, seen: str) -> int:
    """Store the week's sheet; returns how many days were added or corrected.

    A day whose values equal the saved ones is left alone; a changed day gets a new row and
    the old one is marked replaced by it (never edited, never deleted). A day left empty that
    was never saved writes nothing. ``seen`` is ``week_token`` as the form was loaded: if the
    week changed since, nothing is written and ``StaleRhythmWeek`` is raised.
    """
    week_start = days[0][0]
    with transaction.atomic():
        # Lock the course row so two saves of the same week run one after the other.
        type(course).objects.select_for_update().filter(pk=course.pk).first()
        saved = week_days(course, week_start)
        if week_token(saved) != seen:
            raise StaleRhythmWeek
        now = timezone.now()
        changed = []
        for day, values in days:
            old = saved.get(day)
            if old is None and not any(values.values()):
                continue
            if old is not None and old.values() == values:
                continue
            if old is not None:
                old.replaced_at = now
                old.save(update_fields=["replaced_at"])
            new = SocialRhythmDay.objects.create(course=course, day=day, entered_by=by, **values)
            if old is not None:
                old.replaced_by = new
                old.save(update_fields=["replaced_by"])
            changed.append((day, old is not None))
        if changed:
            record(
                by,
                "rhythm.week",
                course,
                client=course.client,
                detail={
                    "week_start": week_start.isoformat(),
                    "days": [day.isoformat() for day, _ in changed],
                    "corrected": [day.isoformat() for day, fixed in changed if fixed],
                },
            )
    return len(changed)
