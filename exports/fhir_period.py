"""The service's FHIR export of a period: one Bundle holding every course that ended in it.

"Ended in the period" is the service figures' rule (``supervision.service_stats``): completed
or ended early, with the clinical end (the last attended session; the day it was closed if none
was held) inside the period. The courses and their records are read in a fixed number of
queries, whatever their number, and each course's resources are the course export's own
(``exports.fhir_bundle.course_resources``), so the ids are the same stable ids.

The Bundle is a ``collection``, like the course export's: it carries records for a receiver to
file, not instructions for a server to carry out (a ``batch`` needs a request per entry and
asks the receiver to act on each). Patients are identified by record number, name and date of
birth as in the course export: a FHIR export exists to update another clinical record, which a
pseudonym cannot do; the pseudonymised route for returns is the Talking Therapies extract.
"""

import datetime
from dataclasses import dataclass

from fhir.resources.R4B.bundle import Bundle

from cases.models import Course
from exports import fhir_bundle
from supervision.service_stats import courses_ended_in


def last_full_quarter(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The calendar quarter before the one ``today`` is in, first and last day."""
    first_of_this = datetime.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    end = first_of_this - datetime.timedelta(days=1)
    start = datetime.date(end.year, end.month - 2, 1)
    return start, end


@dataclass
class PeriodExport:
    start: datetime.date
    end: datetime.date
    courses: list[Course]
    bundle: Bundle


def period_export(user, start: datetime.date, end: datetime.date) -> PeriodExport:
    """Every course ``user`` may see that ended start..end, as one validated Bundle."""
    courses = list(courses_ended_in(user, start, end).select_related("client"))
    records = fhir_bundle.records_for(courses)
    resources: list[dict] = []
    seen: set[str] = set()
    for course in courses:
        for resource in fhir_bundle.course_resources(course, records[course.pk]):
            # A client with two courses in the period is one Patient, entered once.
            if resource["id"] not in seen:
                seen.add(resource["id"])
                resources.append(resource)
    bundle = fhir_bundle.bundle_for(resources, identifier=f"service-{start}-to-{end}")
    return PeriodExport(start, end, courses, bundle)
