"""What the formulation contributes to the course's initial-phase checklist.

The three answers share one query per course object: the versions are read once and kept on
the instance for the rest of the request (pages redirect after every write, so the copy is
never stale). List pages must still not call these per row.
"""

from django.urls import reverse
from django.utils import timezone

from cases.evidence import Evidence
from cases.prepared_queries import PreparedQuery
from inventory.formulation_model import Formulation

_CACHE = "_formulation_versions"


# What every summary of a course's versions reads (this checklist, the fidelity record).
VERSION_SUMMARY_FIELDS = (
    "id",
    "course_id",
    "number",
    "primary_area",
    "secondary_area",
    "shared_on",
    "client_agreed",
    "created_at",
)


# The versions' summary fields, newest first; SQL built once per process
# (``cases.prepared_queries``).
VERSIONS_QUERY = PreparedQuery(
    lambda course_id: (
        Formulation.objects.filter(course_id=course_id)
        .order_by("-number")
        .only(
            *VERSION_SUMMARY_FIELDS,
            # Whether an inherited version was revised (maintenance review, H45).
            "version",
            # The course page's panel lists the current version's goals.
            "goal_1",
            "goal_2",
            "goal_3",
        )
    ),
    planned_once=True,
)


def formulation_versions(course) -> list:
    """The course's formulation versions, newest first (summary fields only), read once."""
    if _CACHE not in course.__dict__:
        versions = VERSIONS_QUERY.list(course_id=course.pk)
        for version in versions:
            version.course = course  # as ``course.formulations`` would: no query to reach it
        course.__dict__[_CACHE] = versions
    return course.__dict__[_CACHE]


def focus_chosen_on(version):
    """The clinical day a version's focus was chosen: the day it was written, or the day it was
    shared with the client if that is earlier (a version written up after the session)."""
    cached = version.__dict__.get("_focus_chosen_on")
    if cached is None:
        written = timezone.localdate(version.created_at)
        cached = min(written, version.shared_on) if version.shared_on else written
        version.__dict__["_focus_chosen_on"] = cached  # read once per session of the course
    return cached


def focal_area_chosen(course) -> Evidence | None:
    versions = formulation_versions(course)
    if not versions:
        return None
    current = versions[0]
    return Evidence(
        on=focus_chosen_on(current),
        where=f"Formulation v{current.number}: {current.get_primary_area_display()}",
        url=reverse("formulation:page", args=[course.pk]),
    )


def _latest_shared(course):
    return next((v for v in formulation_versions(course) if v.shared_on is not None), None)


def formulation_shared(course) -> Evidence | None:
    """The step is done when the latest version shared with the client was agreed by them: an
    earlier agreement does not cover a revision shared without it (H31)."""
    shared = _latest_shared(course)
    if shared is None or not shared.client_agreed:
        return None
    return Evidence(
        on=shared.shared_on,
        where=f"Formulation v{shared.number}, shared (client agreed)",
        url=reverse("formulation:version", args=[course.pk, shared.number]),
    )


def formulation_shared_not_agreed(course) -> Evidence | None:
    """The latest version shared with the client, when the client did not agree to it."""
    shared = _latest_shared(course)
    if shared is None or shared.client_agreed:
        return None
    return Evidence(
        on=shared.shared_on,
        where=f"Formulation v{shared.number}, shared; the client did not agree",
        url=reverse("formulation:version", args=[course.pk, shared.number]),
    )


def current_focal_areas(course) -> tuple[str | None, str | None]:
    """(primary, secondary) of the current formulation version, None where not chosen."""
    versions = formulation_versions(course)
    if not versions:
        return None, None
    return versions[0].primary_area or None, versions[0].secondary_area or None
