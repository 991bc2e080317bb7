"""The "not on track" state of many courses, for list rows that show only that tag.

``outcomes_for`` builds each course's whole outcome (series, classification, on-track state);
a caseload of 30 or more rows needs only the on-track state. This reads the same valid
responses in the same order (their totals only: no dates, no answers) and asks the same
rule with the same arguments as ``CourseOutcome`` (``measures.queries.course_not_on_track``),
so the two never disagree (tests/measures/test_on_track.py compares them for courses in every state).
"""

from collections import defaultdict
from typing import NamedTuple

from cases.outcomes import plan_for
from measures import instruments
from measures.models import QuestionnaireResponse
from measures.queries import course_not_on_track


class OnTrack(NamedTuple):
    """What the list rows read of ``course.outcome_facts``."""

    not_on_track: bool


def on_track_for(courses: list) -> None:
    """Set ``course.outcome_facts`` (an ``OnTrack``) on each course, in one query.

    The courses carry the ``attended`` annotation (``CourseQuerySet.with_progress``)."""
    ids = [course.pk for course in courses]
    if not ids:
        return
    thresholds = instruments.thresholds()  # read once, not per course
    by_course: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for course_id, code, total in (
        QuestionnaireResponse.objects.valid()
        .filter(course_id__in=ids, instrument__in=thresholds)
        .order_by("completed_on", "created_at", "id")
        .values_list("course_id", "instrument", "total")
    ):
        by_course[course_id].append((code, total))
    for course in courses:
        plan = plan_for(course.adaptation)
        course.outcome_facts = OnTrack(
            course_not_on_track(
                plan,
                thresholds,
                [
                    {code: total}
                    for code, total in by_course.get(course.pk, ())
                    if code in plan.codes
                ],
                course.attended,
                maintenance=course.is_maintenance,
            )
        )
