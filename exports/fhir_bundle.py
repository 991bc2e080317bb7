"""One course as a FHIR R4 Bundle, built and validated with ``fhir.resources``.

``fhir.resources`` 8 ships FHIR R5 as its default package and R4B (4.3.0) as a subpackage; R4
(4.0.1) itself is only in its unmaintained 6.x line. Every resource used here (Patient,
EpisodeOfCare, Encounter, QuestionnaireResponse, Observation, Condition, Flag, CarePlan,
Bundle) has the same shape in R4 and R4B, so an R4 receiver reads the Bundle as R4. The
Bundle is validated by building it as ``fhir.resources.R4B`` models before it leaves.

Identifiers are minimal: the record number, name and date of birth, no contact details.
Resource ids are stable UUIDs derived from the record's own id, so exporting twice gives the
same ids and a receiver can update rather than duplicate.
"""

import datetime
import uuid
from dataclasses import dataclass, field

from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle

from cases.models import Course
from cases.models.courses import CourseStatus
from exports import fhir_codes as codes
from measures import instruments
from measures.models import QuestionnaireResponse, RiskFlag
from sessions.models import Session
from sessions.plans import RelapsePreventionPlan

NAMESPACE = uuid.UUID("2f1b7a52-6a53-4bde-9f0c-6a1f3c1d2e41")
FHIR_VERSION_NOTE = "FHIR R4 (validated with fhir.resources R4B models)"


def resource_id(kind: str, pk) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{pk}"))


def _ref(kind: str, pk) -> dict:
    return {"reference": f"urn:uuid:{resource_id(kind, pk)}"}


def _instant(value: datetime.datetime) -> str:
    return timezone.localtime(value).isoformat()


def patient(course: Course) -> dict:
    client = course.client
    return {
        "resourceType": "Patient",
        "id": resource_id("Patient", client.pk),
        "identifier": [{"system": codes.RECORD_NUMBER_SYSTEM, "value": client.record_number}],
        "name": [{"family": client.family_name, "given": [client.given_name]}],
        "birthDate": client.date_of_birth.isoformat(),
    }


EPISODE_STATUS = {
    CourseStatus.PLANNED: "planned",
    CourseStatus.ACTIVE: "active",
    CourseStatus.COMPLETED: "finished",
    CourseStatus.ENDED_EARLY: "finished",
}


def episode_of_care(course: Course) -> dict:
    period = {"start": course.clinical_start.isoformat()}
    if course.clinical_end:
        period["end"] = course.clinical_end.isoformat()
    return {
        "resourceType": "EpisodeOfCare",
        "id": resource_id("EpisodeOfCare", course.pk),
        "status": EPISODE_STATUS[course.status],
        "type": [
            {
                "coding": [
                    {
                        "system": codes.ADAPTATION_SYSTEM,
                        "code": course.adaptation,
                        "display": course.get_adaptation_display(),
                    }
                ],
                "text": f"Interpersonal psychotherapy: {course.get_adaptation_display()}",
            }
        ],
        "patient": _ref("Patient", course.client_id),
        "period": period,
    }


def encounter(course: Course, session: Session) -> dict:
    start = session.held_at or session.scheduled_for
    minutes = session.duration_minutes or course.session_minutes
    return {
        "resourceType": "Encounter",
        "id": resource_id("Encounter", session.pk),
        "status": "finished",
        "class": {
            "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode",
            "code": "AMB",
            "display": "ambulatory",
        },
        "type": [{"text": f"IPT session {session.number}"}],
        "subject": _ref("Patient", course.client_id),
        "episodeOfCare": [_ref("EpisodeOfCare", course.pk)],
        "period": {
            "start": _instant(start),
            "end": _instant(start + datetime.timedelta(minutes=minutes)),
        },
    }


def _questionnaire_codes(response: QuestionnaireResponse) -> codes.QuestionnaireCodes:
    definition = instruments.get(response.instrument)
    option_codes = {option.code for item in definition.items for option in item.options}
    return codes.codes_for(response.instrument, [i.key for i in definition.items], option_codes)


def questionnaire_response(course: Course, response: QuestionnaireResponse) -> dict:
    qcodes = _questionnaire_codes(response)
    items = []
    for item, option in response.answer_rows():
        if option is None:
            continue
        items.append(
            {
                "linkId": qcodes.items[item.key],
                "text": item.text,
                "answer": [
                    {
                        "valueCoding": {
                            "system": qcodes.system,
                            "code": qcodes.answers[option.code],
                            "display": option.label,
                        }
                    }
                ],
            }
        )
    items.append(
        {
            "linkId": qcodes.total,
            "text": qcodes.total_display,
            "answer": [{"valueInteger": response.total}],
        }
    )
    resource = {
        "resourceType": "QuestionnaireResponse",
        "id": resource_id("QuestionnaireResponse", response.pk),
        "questionnaire": codes.questionnaire_url(response.instrument),
        "status": "completed",
        "subject": _ref("Patient", course.client_id),
        "authored": response.completed_on.isoformat(),
        "item": [{"linkId": qcodes.panel, "text": qcodes.panel_display, "item": items}],
    }
    if response.session_id and response.session.is_attended:
        resource["encounter"] = _ref("Encounter", response.session_id)
    return resource


def observation(course: Course, response: QuestionnaireResponse) -> dict:
    qcodes = _questionnaire_codes(response)
    return {
        "resourceType": "Observation",
        "id": resource_id("Observation", response.pk),
        "status": "final",
        "category": [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                        "code": "survey",
                    }
                ]
            }
        ],
        "code": {
            "coding": [
                {"system": qcodes.system, "code": qcodes.total, "display": qcodes.total_display}
            ]
        },
        "subject": _ref("Patient", course.client_id),
        "effectiveDateTime": response.completed_on.isoformat(),
        "valueInteger": response.total,
        "interpretation": [{"text": response.band}],
        "derivedFrom": [_ref("QuestionnaireResponse", response.pk)],
    }


def condition(course: Course) -> dict | None:
    if not course.diagnosis and not course.icd11_code:
        return None
    code: dict = {"text": course.diagnosis or course.icd11_code}
    if course.icd11_code:
        code["coding"] = [
            {"system": codes.ICD11, "code": course.icd11_code, "display": course.diagnosis}
        ]
    return {
        "resourceType": "Condition",
        "id": resource_id("Condition", course.pk),
        "category": [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/condition-category",
                        "code": "encounter-diagnosis",
                    }
                ]
            }
        ],
        "code": code,
        "subject": _ref("Patient", course.client_id),
        "recordedDate": course.created_at.date().isoformat(),
    }


def flag(course: Course, risk: RiskFlag) -> dict:
    period = {"start": _instant(risk.raised_at)}
    if risk.closed_at:
        period["end"] = _instant(risk.closed_at)
    return {
        "resourceType": "Flag",
        "id": resource_id("Flag", risk.pk),
        "status": "active" if risk.is_open else "inactive",
        "category": [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/flag-category",
                        "code": "safety",
                    }
                ]
            }
        ],
        "code": {"text": f"Suicide risk: {risk.get_level_display()}. {risk.reason}"},
        "subject": _ref("Patient", course.client_id),
        "period": period,
        "encounter": _ref("Encounter", risk.session_id)
        if risk.session_id and risk.session.is_attended
        else None,
    }


def care_plan(course: Course, plan: RelapsePreventionPlan) -> dict:
    notes = [
        {"text": f"{plan._meta.get_field(name).verbose_name.capitalize()}: {getattr(plan, name)}"}
        for name in plan.TEXT_FIELDS
        if getattr(plan, name).strip()
    ]
    return {
        "resourceType": "CarePlan",
        "id": resource_id("CarePlan", plan.pk),
        "status": "completed" if course.is_closed else "active",
        "intent": "plan",
        "title": "Relapse-prevention plan",
        "subject": _ref("Patient", course.client_id),
        "note": notes or None,
    }


@dataclass
class CourseRecords:
    """What one course's resources are built from, read for many courses at once."""

    sessions: list[Session] = field(default_factory=list)
    responses: list[QuestionnaireResponse] = field(default_factory=list)
    risks: list[RiskFlag] = field(default_factory=list)
    plan: RelapsePreventionPlan | None = None
    diary: list = field(default_factory=list)


def records_for(courses: list[Course]) -> dict[int, CourseRecords]:
    """The records of ``courses``, by course id: five queries whatever the number of courses."""
    ids = [course.pk for course in courses]
    found = {pk: CourseRecords() for pk in ids}
    sessions = Session.objects.attended().filter(course_id__in=ids).order_by("number", "id")
    for session in sessions:
        found[session.course_id].sessions.append(session)
    responses = (
        QuestionnaireResponse.objects.valid()
        .filter(course_id__in=ids)
        .select_related("session")
        .order_by("completed_on", "id")
    )
    for response in responses:
        found[response.course_id].responses.append(response)
    risks = RiskFlag.objects.filter(course_id__in=ids).select_related("session")
    for risk in risks.order_by("raised_at", "id"):
        found[risk.course_id].risks.append(risk)
    for plan in RelapsePreventionPlan.objects.filter(course_id__in=ids).order_by("id"):
        found[plan.course_id].plan = found[plan.course_id].plan or plan
    for pk, entries in fhir_diary.diary_entries_for(ids).items():
        found[pk].diary = entries
    return found


def course_resources(course: Course, records: CourseRecords | None = None) -> list[dict]:
    """Every resource of the course, in a reader's order (``records`` when already read)."""
    if records is None:
        records = records_for([course])[course.pk]
    resources = [patient(course), episode_of_care(course)]
    resources += [encounter(course, session) for session in records.sessions]
    for response in records.responses:
        resources += [questionnaire_response(course, response), observation(course, response)]
    if found := condition(course):
        resources.append(found)
    resources += [flag(course, risk) for risk in records.risks]
    if records.plan is not None:
        resources.append(care_plan(course, records.plan))
    resources += [fhir_diary.diary_observation(course, entry) for entry in records.diary]
    return resources


def bundle_for(resources: list[dict], *, identifier: str) -> Bundle:
    """A collection Bundle of ``resources``, validated as FHIR models (raises on a bad one)."""
    return Bundle.model_validate(
        {
            "resourceType": "Bundle",
            "type": "collection",
            "identifier": {"system": f"{codes.LOCAL}:export", "value": identifier},
            "timestamp": _instant(timezone.now()),
            "entry": [
                {
                    "fullUrl": f"urn:uuid:{resource['id']}",
                    "resource": {k: v for k, v in resource.items() if v is not None},
                }
                for resource in resources
            ],
        }
    )


def course_bundle(course: Course) -> Bundle:
    return bundle_for(course_resources(course), identifier=f"course-{course.pk}")


def to_json(bundle: Bundle) -> str:
    return bundle.model_dump_json(by_alias=True, exclude_none=True, indent=2)


# The client's diary entries are built in their own module, which reads the helpers above.
from exports import fhir_diary  # noqa: E402
