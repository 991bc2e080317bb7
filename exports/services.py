"""Writes of the exports app, each atomic with its audit row."""

import secrets

from django.db import transaction
from django.utils import timezone

from audit.trail import record, record_many
from cases.models import Course
from exports import calendar_feed, fhir_bundle, fhir_period, talking_therapies
from exports.models import CalendarFeed, SubjectAccessRequest, token_hash


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


@transaction.atomic
def disclose_period_fhir(actor, start, end, *, purpose: str) -> str:
    """The service's FHIR Bundle of the courses ended start..end, and its audit: one row per
    course naming its client, written in one INSERT, so each client's access report shows it."""
    export = fhir_period.period_export(actor, start, end)
    detail = {
        "format": fhir_bundle.FHIR_VERSION_NOTE,
        "export": "service_period",
        "from": start.isoformat(),
        "to": end.isoformat(),
        "courses": len(export.courses),
        "purpose": purpose,
    }
    record_many(
        actor,
        "disclosure.fhir",
        [(course, course.client_id) for course in export.courses],
        detail=detail,
    )
    return fhir_bundle.to_json(export.bundle)


@transaction.atomic
def turn_on_calendar_feed(therapist) -> str:
    """A new private feed for ``therapist`` (any earlier one stops working). Returns the token,
    which is shown once and stored only as its hash."""
    revoke_calendar_feed(therapist, why="replaced")
    token = secrets.token_urlsafe(32)
    feed = CalendarFeed.objects.create(therapist=therapist, token_hash=token_hash(token))
    record(therapist, "calendar.feed_on", feed)
    return token


@transaction.atomic
def revoke_calendar_feed(therapist, *, why: str = "turned off") -> int:
    """Stop ``therapist``'s live feed: its URL then answers 404."""
    revoked = 0
    for feed in CalendarFeed.objects.live().filter(therapist=therapist).select_for_update():
        feed.revoked_at = timezone.now()
        feed.save(update_fields=["revoked_at"])
        record(therapist, "calendar.feed_off", feed, detail={"why": why})
        revoked += 1
    return revoked


@transaction.atomic
def read_calendar_feed(feed: CalendarFeed) -> bytes:
    """The feed's calendar; the read is audited (who was named in it, by record count)."""
    body = calendar_feed.feed(feed.therapist)
    feed.last_read_at = timezone.now()
    feed.save(update_fields=["last_read_at"])
    record(None, "calendar.feed_read", feed, detail={"therapist": feed.therapist_id})
    return body


@transaction.atomic
def disclose_extract(actor, start, end, *, identifiable: bool, purpose: str):
    """The Talking Therapies extract and its audit: one row for the extract, and when it names
    people, one row per client so each client's access report shows it."""
    extract = talking_therapies.build(actor, start, end, identifiable=identifiable)
    detail = {
        "extract": "talking_therapies",
        "from": start.isoformat(),
        "to": end.isoformat(),
        "rows": len(extract.rows),
        "identifiable": identifiable,
        "purpose": purpose,
    }
    record(actor, "disclosure.extract", detail=detail)
    if identifiable:
        record_many(
            actor,
            "disclosure.extract",
            [(course, course.client_id) for course in extract.courses],
            detail=detail,
        )
    return extract


@transaction.atomic
def open_subject_access_request(actor, client, *, reference: str, received_on):
    request = SubjectAccessRequest.objects.create(
        client=client, reference=reference, received_on=received_on, opened_by=actor
    )
    record(actor, "sar.open", request, client=client, detail={"reference": reference})
    return request


@transaction.atomic
def record_redactions(actor, request: SubjectAccessRequest, withheld: list[dict]):
    """The redaction review's decisions: what is withheld from the release, and why."""
    request.withheld = withheld
    request.reviewed_at = timezone.now()
    request.save(update_fields=["withheld", "reviewed_at"])
    record(
        actor,
        "sar.redact",
        request,
        client=request.client_id,
        detail={"reference": request.reference, "withheld": withheld},
    )
    return request


@transaction.atomic
def audit_subject_access(actor, request: SubjectAccessRequest, whole, *, form: str):
    """The audit row of a released record (after it was made), naming the request's reference."""
    record(
        actor,
        "disclosure.sar",
        request,
        client=request.client_id,
        detail={
            "reference": request.reference,
            "format": form,
            "records": sum(len(s.rows) for s in whole.sections),
            "withheld": len(request.withheld),
        },
    )
