"""Bringing questionnaire scores in from another system: FHIR QuestionnaireResponses.

Reads a Bundle as ``exports.fhir_bundle`` writes it (validated with the same R4B models): each
QuestionnaireResponse names its questionnaire by our canonical, its items by their LOINC codes
(or ours) and its answers by LOINC answer codes. Answers are mapped back to item options and
scored by ``measures.services.record_response``, which recomputes the total and raises a risk
flag on a positive risk item. A total sent in the file is checked, never trusted: a mismatch
refuses the whole file. All or nothing; a response already on the course (same questionnaire,
day and answers) is not added twice.
"""

import datetime

from django.db import transaction
from fhir.resources.R4B.bundle import Bundle
from pydantic import ValidationError

from accounts.models import User
from audit.imports import Reader
from audit.trail import record
from cases.models import Client, Course
from exports import fhir_codes as codes
from measures import instruments
from measures.models import QuestionnaireResponse
from measures.services import QuestionnaireRejected, record_response


def recognises(document) -> bool:
    return (
        isinstance(document, dict)
        and document.get("resourceType") == "Bundle"
        and any(
            (entry.get("resource") or {}).get("resourceType") == "QuestionnaireResponse"
            for entry in document.get("entry") or []
            if isinstance(entry, dict)
        )
    )


def _answers(resource, instrument_code: str) -> tuple[dict[str, str], int | None]:
    definition = instruments.get(instrument_code)
    option_codes = {o.code for item in definition.items for o in item.options}
    qcodes = codes.codes_for(instrument_code, [i.key for i in definition.items], option_codes)
    keys = {code: key for key, code in qcodes.items.items()}
    options = {code: option for option, code in qcodes.answers.items()}
    answers: dict[str, str] = {}
    total = None
    items = [child for group in resource.item or [] for child in (group.item or [group])]
    for item in items:
        answer = (item.answer or [None])[0]
        if answer is None:
            continue
        if item.linkId == qcodes.total:
            total = answer.valueInteger
        elif item.linkId in keys and answer.valueCoding is not None:
            if answer.valueCoding.code not in options:
                raise ValueError(f"Item {item.linkId}: unknown answer {answer.valueCoding.code}.")
            answers[keys[item.linkId]] = options[answer.valueCoding.code]
    return answers, total


def _course(bundle: Bundle, course_id: int | None) -> Course:
    if course_id is not None:
        course = Course.objects.filter(pk=course_id).select_related("client").first()
        if course is None:
            raise ValueError(f"There is no course {course_id}.")
        return course
    numbers = [
        ident.value
        for entry in bundle.entry or []
        if entry.resource.get_resource_type() == "Patient"
        for ident in entry.resource.identifier or []
        if ident.system == codes.RECORD_NUMBER_SYSTEM
    ]
    client = Client.objects.filter(record_number__in=numbers).first()
    if client is None:
        raise ValueError("The file names no client of this service: give --course.")
    open_courses = list(client.courses.unfinished())
    if len(open_courses) != 1:
        raise ValueError(
            f"{client.record_number} has {len(open_courses)} open courses: give --course."
        )
    return open_courses[0]


def load(document, options: dict) -> str:
    try:
        bundle = Bundle.model_validate(document)
    except ValidationError as error:
        raise ValueError(f"Not a valid FHIR Bundle: {error.errors()[0]['msg']}") from None
    by = User.objects.filter(username=options.get("by") or "", is_active=True).first()
    if by is None:
        raise ValueError("Give --by: the username of the clinician the scores are from.")
    course = _course(bundle, options.get("course"))
    added = skipped = 0
    with transaction.atomic():
        for entry in bundle.entry or []:
            resource = entry.resource
            if resource.get_resource_type() != "QuestionnaireResponse":
                continue
            instrument_code = codes.instrument_from_url(resource.questionnaire or "")
            if instrument_code not in instruments.INSTRUMENTS:
                raise ValueError(f"Unknown questionnaire {resource.questionnaire!r}.")
            answers, total = _answers(resource, instrument_code)
            completed_on = datetime.date.fromisoformat(str(resource.authored)[:10])
            same = QuestionnaireResponse.objects.valid().filter(
                course=course, instrument=instrument_code, completed_on=completed_on
            )
            if any(r.answers == answers for r in same):
                skipped += 1
                continue
            try:
                response = record_response(
                    course=course,
                    instrument_code=instrument_code,
                    answers=answers,
                    completed_on=completed_on,
                    by=by,
                )
            except QuestionnaireRejected as error:
                raise ValueError(f"{instrument_code} of {completed_on}: {error}") from None
            if total is not None and total != response.total:
                raise ValueError(
                    f"{instrument_code} of {completed_on}: the file's total {total} is not the "
                    f"total of its answers ({response.total}); nothing was imported."
                )
            added += 1
        record(
            by,
            "data.import_fhir",
            course,
            client=course.client,
            detail={"file": options.get("file", ""), "added": added, "skipped": skipped},
        )
    return f"Imported {added} questionnaire(s) into course {course.pk}; {skipped} already there."


READER = Reader("fhir-questionnaire-responses", recognises, load)
