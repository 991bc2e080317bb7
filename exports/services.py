"""Writes of the exports app, each atomic with its audit row."""

from django.db import transaction

from audit.trail import record
from cases.models import Course
from exports import fhir_bundle


@transaction.atomic
def disclose_course_fhir(actor, course: Course, *, purpose: str) -> str:
    """The course's FHIR Bundle as JSON, and the audit row naming what left and why."""
    bundle = fhir_bundle.course_bundle(course)
    counts: dict[str, int] = {}
    for entry in bundle.entry:
        kind = entry.resource.get_resource_type()
        counts[kind] = counts.get(kind, 0) + 1
    record(
        actor,
        "disclosure.fhir",
        course,
        client=course.client,
        detail={"format": fhir_bundle.FHIR_VERSION_NOTE, "resources": counts, "purpose": purpose},
    )
    return fhir_bundle.to_json(bundle)
