"""The client's diary entries as FHIR Observations written by the patient.

Each entry is one Observation: the event in the client's words as its value, their mood (0-10)
as a component, the rest as notes. A correction is its own Observation, derived from the entry
it corrects, so the receiver keeps both as the record does.
"""

from client_area.diary_models import DiaryEntry
from exports import fhir_bundle as fhir

SURVEY = {
    "coding": [
        {
            "system": "http://terminology.hl7.org/CodeSystem/observation-category",
            "code": "survey",
            "display": "Survey",
        }
    ]
}


def diary_observation(course, entry: DiaryEntry) -> dict:
    notes = [
        (f"With: {entry.with_whom}", True),
        (f"What I felt: {entry.felt}", entry.felt.strip()),
        (f"What I said, or did not say: {entry.said}", entry.said.strip()),
        (f"What I wish I had said: {entry.wish_said}", entry.wish_said.strip()),
    ]
    return {
        "resourceType": "Observation",
        "id": fhir.resource_id("DiaryEntry", entry.pk),
        "status": "final",
        "category": [SURVEY],
        "code": {"text": "Interpersonal diary entry, written by the client"},
        "subject": fhir._ref("Patient", course.client_id),
        "performer": [fhir._ref("Patient", course.client_id)],
        "effectiveDateTime": entry.happened_on.isoformat(),
        "issued": fhir._instant(entry.created_at),
        "valueString": entry.what_happened,
        "component": [
            {"code": {"text": "Mood (0 very low, 10 very good)"}, "valueInteger": entry.mood}
        ],
        "note": [{"text": text} for text, present in notes if present],
        "derivedFrom": [fhir._ref("DiaryEntry", entry.corrects_id)] if entry.corrects_id else None,
    }


def diary_entries_for(ids: list[int]) -> dict[int, list[DiaryEntry]]:
    """The diary entries of the courses ``ids``, oldest first: one query."""
    found: dict[int, list[DiaryEntry]] = {pk: [] for pk in ids}
    entries = DiaryEntry.objects.filter(course_id__in=ids).select_related("person")
    for entry in entries.order_by("created_at", "id"):
        found[entry.course_id].append(entry)
    return found
