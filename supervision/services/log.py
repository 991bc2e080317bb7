"""The supervision log: who may read a therapist's log, who writes it, and every write.

A therapist reads their own log, a supervisor their supervisees' logs, a service administrator
every log; only the therapist's own clinical supervisor writes in it. Writes are atomic and
audited in the same transaction. An entry is about a therapist, not about one client, so its
audit rows name no client; the courses discussed are listed in the row's detail instead.
"""

import datetime
from collections.abc import Iterable

from django.db import transaction

from accounts.models import User
from audit import trail
from cases.models import Course
from cases.models.access import supervises, visible_therapists_q
from supervision.models import SupervisionEntry

# The fields of an entry a supervisor writes (``courses`` is the many-to-many).
ENTRY_FIELDS = ("met_on", "courses", "decisions", "actions")


class NotAllowed(Exception):
    """The person may read this log but not write in it (a 403 for someone in scope)."""


class NotTheirCourse(Exception):
    """A course named as discussed is not one of this therapist's."""


class StaleVersion(Exception):
    """Someone saved the entry after this form was loaded (another tab or device)."""

    def __init__(self, current: SupervisionEntry):
        self.current = current
        super().__init__(
            "This entry was saved elsewhere (another tab or device) after you opened it. "
            "Nothing was overwritten: the saved version is shown beside what you typed."
        )


def therapists_visible_to(user):
    """The therapists whose supervision log ``user`` may read (same scope as clinical records)."""
    return User.objects.filter(visible_therapists_q(user, ""), role=User.Role.THERAPIST)


def can_write_log(user, therapist) -> bool:
    """Only the therapist's own clinical supervisor writes in their log."""
    return supervises(user, therapist)


def can_edit_entry(user, entry: SupervisionEntry) -> bool:
    """The supervisor who wrote the entry, while they still supervise the therapist."""
    return entry.supervisor_id == getattr(user, "pk", None) and can_write_log(user, entry.therapist)


def _require_writer(therapist, by) -> None:
    if not can_write_log(by, therapist):
        raise NotAllowed(
            f"Only {therapist.display_name}'s clinical supervisor writes in this supervision log."
        )


def _check_courses(therapist, courses: Iterable[Course]) -> list[Course]:
    courses = list(courses)
    strangers = [course for course in courses if course.therapist_id != therapist.pk]
    if strangers:
        raise NotTheirCourse(
            f"Only {therapist.display_name}'s own courses can be recorded as discussed."
        )
    return courses


@transaction.atomic
def add_entry(
    therapist,
    by,
    met_on: datetime.date,
    courses: Iterable[Course],
    decisions: str,
    actions: str,
) -> SupervisionEntry:
    """Record one supervision meeting in ``therapist``'s log."""
    _require_writer(therapist, by)
    courses = _check_courses(therapist, courses)
    entry = SupervisionEntry.objects.create(
        therapist=therapist,
        supervisor=by,
        met_on=met_on,
        decisions=decisions.strip(),
        actions=actions.strip(),
    )
    entry.courses.set(courses)
    trail.record(
        by,
        "supervision_entry.create",
        entry,
        detail={
            "therapist": therapist.pk,
            "met_on": met_on.isoformat(),
            "courses": sorted(course.pk for course in courses),
        },
    )
    return entry


@transaction.atomic
def update_entry(
    entry: SupervisionEntry, by, values: dict, *, expected_version: int
) -> SupervisionEntry:
    """Correct an entry; refused when it was saved elsewhere since ``expected_version``."""
    entry = (
        SupervisionEntry.objects.select_for_update(of=("self",))
        .select_related("therapist", "supervisor")
        .get(pk=entry.pk)
    )
    if not can_edit_entry(by, entry):
        raise NotAllowed("Only the supervisor who wrote this entry can change it.")
    if entry.version != expected_version:
        raise StaleVersion(entry)
    unknown = set(values) - set(ENTRY_FIELDS)
    if unknown:
        raise ValueError(f"Not entry fields: {sorted(unknown)}")
    courses = None
    if "courses" in values:
        courses = _check_courses(entry.therapist, values["courses"])
    before_courses = sorted(entry.courses.values_list("pk", flat=True))
    changed = []
    for name in ("met_on", "decisions", "actions"):
        if name in values:
            value = values[name].strip() if isinstance(values[name], str) else values[name]
            if getattr(entry, name) != value:
                changed.append(name)
            setattr(entry, name, value)
    if courses is not None:
        after_courses = sorted(course.pk for course in courses)
        if after_courses != before_courses:
            changed.append("courses")
        entry.courses.set(courses)
    entry.version += 1
    entry.save()
    trail.record(
        by,
        "supervision_entry.update",
        entry,
        detail={"therapist": entry.therapist_id, "version": entry.version, "fields": changed},
    )
    return entry
