"""The NHS Talking Therapies style dataset extract: one row per course ended in a period.

The rows are the courses the service figures page counts (``supervision.service_stats``:
``courses_ended_in``), classified by the same rule and counted for outcomes under the same
condition (``MIN_ATTENDED_TO_FINISH`` and a paired depression measure), so the extract's
recovery counts are the page's. The columns are described in docs/talking-therapies-extract.md.

Pseudonymised by default: no names, no record numbers, no dates of birth. The client and course
identifiers are HMAC-SHA256 digests under a salt made for this one extract and never kept, so
two extracts cannot be linked to each other or back to a client. An identifiable extract adds
the record number, name and date of birth, and needs a stated purpose.
"""

import csv
import datetime
import hashlib
import hmac
import io
import secrets
from dataclasses import dataclass

from cases.models import Course
from measures.models import QuestionnaireResponse
from measures.queries import outcomes_for
from supervision.service_stats import MIN_ATTENDED_TO_FINISH, courses_ended_in

PSEUDONYMOUS_COLUMNS = [
    "client_pseudonym",
    "course_pseudonym",
    "age_at_first_contact",
    "adaptation",
    "referral_date",
    "first_contact_date",
    "last_contact_date",
    "attended_sessions",
    "first_phq9",
    "last_phq9",
    "first_gad7",
    "last_gad7",
    "depression_measure",
    "counted_for_outcomes",
    "caseness_at_start",
    "recovered",
    "reliable_improvement",
    "reliable_deterioration",
    "ending",
    "ending_reason",
    "course_kind",
]
IDENTIFYING_COLUMNS = ["record_number", "given_name", "family_name", "date_of_birth"]


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def _date(value: datetime.date | None) -> str:
    return value.isoformat() if value else ""


def pseudonym(salt: bytes, kind: str, value) -> str:
    return hmac.new(salt, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()[:16]


@dataclass
class Extract:
    start: datetime.date
    end: datetime.date
    identifiable: bool
    columns: list[str]
    rows: list[dict]
    courses: list[Course]

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=self.columns, lineterminator="\n")
        writer.writeheader()
        for row in self.rows:
            # A spreadsheet runs a cell that starts with = + - @ as a formula: quote it.
            writer.writerow(
                {
                    k: f"'{v}" if isinstance(v, str) and v and v[0] in "=+-@" else v
                    for k, v in row.items()
                }
            )
        return out.getvalue()


def _scores(courses: list[Course]) -> dict[tuple[int, str], list[int]]:
    """PHQ-9 and GAD-7 totals of each course in time order (one query)."""
    found: dict[tuple[int, str], list[int]] = {}
    responses = (
        QuestionnaireResponse.objects.valid()
        .filter(course__in=courses, instrument__in=["phq9", "gad7"])
        .order_by("completed_on", "created_at", "id")
        .values_list("course_id", "instrument", "total")
    )
    for course_id, instrument, total in responses:
        found.setdefault((course_id, instrument), []).append(total)
    return found


def build(user, start: datetime.date, end: datetime.date, *, identifiable: bool) -> Extract:
    courses = list(courses_ended_in(user, start, end).select_related("client"))
    outcomes_for(courses)
    # A maintenance course is not an episode of treatment with an acute outcome: a client
    # holding steady would read as "no reliable improvement". The page reports it apart, so
    # the extract lists it (``course_kind``) but never counts it for outcomes.
    finished = {
        c.pk
        for c in courses
        if not c.is_maintenance
        and c.attended >= MIN_ATTENDED_TO_FINISH
        and c.outcome_facts.outcome.enough_data
    }
    scores = _scores(courses)
    salt = secrets.token_bytes(32)
    rows = []
    for course in courses:
        outcome = course.outcome_facts.outcome
        counted = course.pk in finished
        phq9 = scores.get((course.pk, "phq9"), [])
        gad7 = scores.get((course.pk, "gad7"), [])
        client = course.client
        first = course.clinical_start
        row = {
            "client_pseudonym": pseudonym(salt, "client", client.pk),
            "course_pseudonym": pseudonym(salt, "course", course.pk),
            "age_at_first_contact": client.age_on(first),
            "adaptation": course.adaptation,
            "referral_date": _date(client.referral_date),
            "first_contact_date": _date(course.first_attended_on),
            "last_contact_date": _date(course.last_attended_on),
            "attended_sessions": course.attended,
            "first_phq9": phq9[0] if phq9 else "",
            "last_phq9": phq9[-1] if len(phq9) > 1 else "",
            "first_gad7": gad7[0] if gad7 else "",
            "last_gad7": gad7[-1] if len(gad7) > 1 else "",
            "depression_measure": course.outcome_facts.plan.depression,
            "counted_for_outcomes": _yes_no(counted),
            "caseness_at_start": _yes_no(outcome.caseness if counted else None),
            "recovered": _yes_no(outcome.recovery if counted else None),
            "reliable_improvement": _yes_no(outcome.reliable_improvement if counted else None),
            "reliable_deterioration": _yes_no(outcome.reliable_deterioration if counted else None),
            "ending": course.status,
            "ending_reason": course.end_reason,
            "course_kind": course.kind,
        }
        if identifiable:
            row |= {
                "record_number": client.record_number,
                "given_name": client.given_name,
                "family_name": client.family_name,
                "date_of_birth": _date(client.date_of_birth),
            }
        rows.append(row)
    columns = PSEUDONYMOUS_COLUMNS + (IDENTIFYING_COLUMNS if identifiable else [])
    return Extract(start, end, identifiable, columns, rows, courses)
