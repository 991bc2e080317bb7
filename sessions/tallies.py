"""Keeping ``AttendanceTally`` current: ``refresh_tally`` in the same transaction as every
write that changes which sessions of a course were attended or when (``services.renumber``
runs after each of them: recording attendance, voiding, a group session's attendance), and
``rebuild_tallies`` for bulk loads (``seed_scale``, the demo) and the backfill.

The values are computed by the database with the same expressions as
``SessionBook.progress`` (the local date of ``held_at``, or of ``scheduled_for`` when it was
not recorded), so a stored tally is what that annotation would read.
"""

from collections.abc import Iterable

from django.db.models import Count, Max, Min
from django.db.models.functions import Coalesce, TruncDate

from sessions.attendance_tally import AttendanceTally
from sessions.models import Session


def _counted(course_ids: list[int] | None):
    held_on = TruncDate(Coalesce("held_at", "scheduled_for"))
    sessions = Session.objects.attended().order_by()
    if course_ids is not None:
        sessions = sessions.filter(course_id__in=course_ids)
    return sessions.values("course_id").annotate(
        n=Count("pk"), first=Min(held_on), last=Max(held_on)
    )


def refresh_tally(course_id: int) -> None:
    """Bring one course's tally in line with its sessions (zero when none is attended)."""
    row = next(iter(_counted([course_id])), None)
    AttendanceTally.objects.update_or_create(
        course_id=course_id,
        defaults={
            "attended": row["n"] if row else 0,
            "first_attended_on": row["first"] if row else None,
            "last_attended_on": row["last"] if row else None,
        },
    )


def rebuild_tallies(course_ids: Iterable[int] | None = None, batch: int = 2000) -> int:
    """Rebuild the tallies of ``course_ids`` (every course when None); returns how many courses
    have an attended session. Courses with none are set to zero."""
    from cases.models import Course

    ids = list(course_ids) if course_ids is not None else None
    counted = {row["course_id"]: row for row in _counted(ids)}
    courses = Course.objects.order_by().values_list("pk", flat=True)
    if ids is not None:
        courses = courses.filter(pk__in=ids)
    AttendanceTally.objects.bulk_create(
        [
            AttendanceTally(
                course_id=pk,
                attended=counted[pk]["n"] if pk in counted else 0,
                first_attended_on=counted[pk]["first"] if pk in counted else None,
                last_attended_on=counted[pk]["last"] if pk in counted else None,
            )
            for pk in courses
        ],
        batch_size=batch,
        update_conflicts=True,
        unique_fields=["course"],
        update_fields=["attended", "first_attended_on", "last_attended_on"],
    )
    return len(counted)
