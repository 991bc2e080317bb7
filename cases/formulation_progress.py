"""What the formulation contributes to the course's initial-phase checklist.

Each answer costs one query; list pages must not call these per row.
"""

from django.urls import reverse

from cases.evidence import Evidence


def _current(course):
    return course.formulations.order_by("-number").first()


def focal_area_chosen(course) -> Evidence | None:
    current = _current(course)
    if current is None:
        return None
    return Evidence(
        on=current.created_at.date(),
        where=f"Formulation v{current.number}: {current.get_primary_area_display()}",
        url=reverse("formulation:page", args=[course.pk]),
    )


def formulation_shared(course) -> Evidence | None:
    shared = course.formulations.filter(shared_on__isnull=False).order_by("-number").first()
    if shared is None:
        return None
    agreed = "client agreed" if shared.client_agreed else "client did not agree"
    return Evidence(
        on=shared.shared_on,
        where=f"Formulation v{shared.number}, shared ({agreed})",
        url=reverse("formulation:version", args=[course.pk, shared.number]),
    )


def current_focal_areas(course) -> tuple[str | None, str | None]:
    """(primary, secondary) of the current formulation version, None where not chosen."""
    row = course.formulations.order_by("-number").values("primary_area", "secondary_area").first()
    if row is None:
        return None, None
    return row["primary_area"] or None, row["secondary_area"] or None
