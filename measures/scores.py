"""Each course's first and latest score per measure (``MeasureEnds``), kept current on write.

``refresh_ends`` is called by every service that changes a course's valid series (recording a
questionnaire, voiding one entered in error; a correction is a void and a new record), in the
same transaction; ``rebuild_ends`` rebuilds the rows of many courses at once (bulk loads such as
``seed_scale``). The order is the responses' own (``completed_on``, ``created_at``, ``id``), the
one every outcome reads, so the stored ends are what a walk over the responses would find.
"""

from collections.abc import Iterable

from measures.models import MeasureEnds, QuestionnaireResponse

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
