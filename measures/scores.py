"""Each course's first and latest score per measure (``MeasureEnds``), kept current on write.

``refresh_ends`` is called by every service that changes a course's valid series (recording a
questionnaire, voiding one entered in error; a correction is a void and a new record), in the
same transaction; ``rebuild_ends`` rebuilds the rows of many courses at once (bulk loads such as
``seed_scale``). The order is the responses' own (``completed_on``, ``created_at``, ``id``), the
one every outcome reads, so the stored ends are what a walk over the responses would find.

``refresh_ends`` also reclassifies the course (``refresh_classification``: the stored
``StoredClassification`` the service figures count), and ``rebuild_classifications`` rebuilds
many at once.
"""

from collections.abc import Iterable

from django.conf import settings

from cases.outcomes import classify_series, not_on_track, plan_for
from measures import instruments
from measures.models import MeasureEnds, QuestionnaireResponse, StoredClassification

ORDER = ("completed_on", "created_at", "id")


def ends_of(totals: list[int]) -> dict:
    if not totals:
        return {"first_total": None, "latest_total": None, "count": 0}
    return {"first_total": totals[0], "latest_total": totals[-1], "count": len(totals)}


def refresh_ends(course_id: int, instrument: str) -> None:
    """Bring one course's row for one measure in line with its valid responses (emptied, never
    deleted, when none is left: the row reads as "no score on this measure")."""
    totals = list(
        QuestionnaireResponse.objects.valid()
        .filter(course_id=course_id, instrument=instrument)
        .order_by(*ORDER)
        .values_list("total", flat=True)
    )
    MeasureEnds.objects.update_or_create(
        course_id=course_id, instrument=instrument, defaults=ends_of(totals)
    )
    refresh_classification(course_id)


def rebuild_ends(course_ids: Iterable[int] | None = None, batch: int = 2000) -> int:
    """Rebuild the rows of ``course_ids`` (every course when None) from their responses in one
    ordered pass; returns how many measures have scores. Rows with none left are emptied."""
    responses = QuestionnaireResponse.objects.valid().order_by("course_id", "instrument", *ORDER)
    existing = MeasureEnds.objects.all()
    if course_ids is not None:
        course_ids = list(course_ids)
        responses = responses.filter(course_id__in=course_ids)
        existing = existing.filter(course_id__in=course_ids)
    series: dict[tuple[int, str], list[int]] = {}
    for course_id, instrument, total in responses.values_list(
        "course_id", "instrument", "total"
    ).iterator(chunk_size=batch):
        series.setdefault((course_id, instrument), []).append(total)
    existing.exclude(count=0).update(**ends_of([]))
    MeasureEnds.objects.bulk_create(
        [
            MeasureEnds(course_id=course_id, instrument=instrument, **ends_of(totals))
            for (course_id, instrument), totals in series.items()
        ],
        batch_size=batch,
        update_conflicts=True,
        unique_fields=["course", "instrument"],
        update_fields=["first_total", "latest_total", "count"],
    )
    return len(series)


# The stored classification (``StoredClassification``) ----------------------------------------


def classification_values(
    adaptation: str, maintenance: bool, points: list[tuple[str, int]], thresholds, min_fall: int
) -> dict:
    """The stored fields for a course from its valid scores in time order (``points``: one
    (measure, total) per response). Pure: the backfill migration calls it too."""
    plan = plan_for(adaptation)
    series: dict[str, list[int]] = {}
    for code, total in points:
        if code in plan.codes:
            series.setdefault(code, []).append(total)
    outcome = classify_series(plan, thresholds, series)
    primary = [c for c in (outcome.depression, outcome.anxiety) if c is not None and c.paired]
    tracked = [c for c in outcome.tracked if c.paired and c.threshold.depression]
    well = all(not c.caseness_at_last for c in primary + tracked) if outcome.enough_data else None
    worsened = not_on_track(
        plan,
        thresholds,
        [{code: total} for code, total in points],
        0,
        # No expected fall: only a worsening at some measurement counts (the maintenance rule
        # of ``measures.queries.CourseOutcome``).
        from_session=1,
        min_fall=min_fall,
    )
    return {
        "adaptation": adaptation,
        "maintenance": maintenance,
        "enough_data": outcome.enough_data,
        "caseness": outcome.caseness,
        "recovery": outcome.recovery,
        "reliable_improvement": outcome.reliable_improvement,
        "reliable_deterioration": outcome.reliable_deterioration,
        "well_at_end": well,
        "worsened": worsened,
    }


def _min_fall() -> int:
    return settings.OUTCOME_NOT_ON_TRACK_MIN_PHQ9_FALL


def refresh_classification(course_id: int) -> None:
    """Reclassify one course from its valid scores (called by ``refresh_ends``)."""
    from cases.models import Course

    adaptation, acute = (
        Course.objects.filter(pk=course_id).values_list("adaptation", "continues_course").get()
    )
    points = list(
        QuestionnaireResponse.objects.valid()
        .filter(course_id=course_id, instrument__in=instruments.thresholds())
        .order_by(*ORDER)
        .values_list("instrument", "total")
    )
    values = classification_values(
        adaptation, acute is not None, points, instruments.thresholds(), _min_fall()
    )
    StoredClassification.objects.update_or_create(course_id=course_id, defaults=values)


def rebuild_classifications(course_ids: Iterable[int] | None = None, batch: int = 2000) -> int:
    """Reclassify ``course_ids`` (every course when None) in one ordered pass over the scores;
    returns how many courses were classified."""
    from cases.models import Course

    courses = Course.objects.order_by().values_list("pk", "adaptation", "continues_course")
    responses = QuestionnaireResponse.objects.valid().filter(
        instrument__in=instruments.thresholds()
    )
    if course_ids is not None:
        course_ids = list(course_ids)
        courses = courses.filter(pk__in=course_ids)
        responses = responses.filter(course_id__in=course_ids)
    points: dict[int, list[tuple[str, int]]] = {}
    for course_id, code, total in (
        responses.order_by("course_id", *ORDER)
        .values_list("course_id", "instrument", "total")
        .iterator(chunk_size=batch)
    ):
        points.setdefault(course_id, []).append((code, total))
    thresholds, min_fall = instruments.thresholds(), _min_fall()
    rows = [
        StoredClassification(
            course_id=pk,
            **classification_values(
                adaptation, acute is not None, points.get(pk, []), thresholds, min_fall
            ),
        )
        for pk, adaptation, acute in courses
    ]
    StoredClassification.objects.bulk_create(
        rows,
        batch_size=batch,
        update_conflicts=True,
        unique_fields=["course"],
        update_fields=[f.name for f in StoredClassification._meta.concrete_fields[1:]],
    )
    return len(rows)
