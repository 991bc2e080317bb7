"""What the formulation contributes to the course's initial-phase checklist."""

from cases.evidence import Evidence


def focal_area_chosen(course) -> Evidence | None:
    return None  # The formulation issue fills this in.


def formulation_shared(course) -> Evidence | None:
    return None  # The formulation issue fills this in.
