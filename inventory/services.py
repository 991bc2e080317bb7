"""Writes to the inventory and timeline: each atomic, each with its audit row."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from audit.trail import record
from inventory.models import (
    InventoryCompletion,
    InventorySnapshot,
    Person,
    SnapshotEntry,
    TimelineEvent,
)


class StaleEdit(Exception):
    """Someone saved the record after this form was loaded: the save is refused."""


STALE_MESSAGE = (
    "Someone else changed this record after you opened it. Your text is kept below: "
    "reload the page to see their version, then apply your changes again."
)


def _lock_current(model, pk: int, expected_version: int | None):
    obj = model.objects.select_for_update().get(pk=pk)
    if expected_version is not None and obj.version != expected_version:
        raise StaleEdit(STALE_MESSAGE)
    return obj


def add_person(course, actor, data: dict) -> Person:
    with transaction.atomic():
        person = Person.objects.create(course=course, **data)
        record(actor, "inventory.person.add", person, client=course.client)
    return person


def update_person(person: Person, actor, data: dict, expected_version: int | None) -> Person:
    with transaction.atomic():
        person = _lock_current(Person, person.pk, expected_version)
        changed = sorted(k for k, v in data.items() if getattr(person, k) != v)
        for key, value in data.items():
            setattr(person, key, value)
        person.version += 1
        person.save()
        record(
            actor,
            "inventory.person.update",
            person,
            client=person.course.client,
            detail={"fields": changed},
        )
    return person


def remove_person(person: Person, actor) -> Person:
    """Take a person off the current inventory; the row stays for the timeline and snapshots."""
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        if person.removed_at is None:
            person.removed_at = timezone.now()
            person.version += 1
            person.save(update_fields=["removed_at", "version", "updated_at"])
            record(actor, "inventory.person.remove", person, client=person.course.client)
    return person


class InventoryDateError(ValueError):
    """A completion date in the future or before the course: nothing is written."""


class DetailsMissing(ValueError):
    """Someone on the inventory has no details recorded: the inventory is not complete."""


def complete_inventory(
    course, actor, reason: str = "", completed_on: datetime.date | None = None
) -> InventoryCompletion:
    """Mark the inventory complete as of ``completed_on``, the clinical date (default today).

    The day the button was pressed stays in the audit row; every comparison of dates (the
    "shared before inventory" flag, the fidelity page) reads ``completed_on``.
    """
    completed_on = completed_on or timezone.localdate()
    if completed_on > timezone.localdate() or completed_on < course.start_date:
        raise InventoryDateError("The completion date must lie between the course start and today.")
    with transaction.atomic():
        counts = course.people.current().details_count()
        if counts["with_details"] < counts["people"]:
            raise DetailsMissing(
                f"Only {counts['with_details']} of {counts['people']} people have details recorded."
            )
        completion, _ = InventoryCompletion.objects.update_or_create(
            course=course,
            defaults={
                "completed_on": completed_on,
                "completed_by": actor,
                "people_count": counts["people"],
                "people_with_details": counts["with_details"],
                "reason": reason,
            },
        )
        record(
            actor,
            "inventory.complete",
            completion,
            client=course.client,
            detail={
                "people": completion.people_count,
                "reason": bool(reason),
                "completed_on": completed_on.isoformat(),
            },
        )
    return completion


def take_snapshot(course, actor, label: str, taken_on: datetime.date) -> InventorySnapshot:
    with transaction.atomic():
        snapshot = InventorySnapshot.objects.create(
            course=course, label=label, taken_on=taken_on, taken_by=actor
        )
        SnapshotEntry.objects.bulk_create(
            SnapshotEntry(
                snapshot=snapshot,
                person=p,
                name=p.name,
                closeness=p.closeness,
                support_level=p.support_level,
                conflict_level=p.conflict_level,
                relationship_status=p.relationship_status,
                communication_pattern=p.communication_pattern,
                wanted_change=p.wanted_change,
            )
            for p in course.people.current()
        )
        record(actor, "inventory.snapshot", snapshot, client=course.client)
    return snapshot


@dataclass(frozen=True)
class ComparisonRow:
    name: str
    before: SnapshotEntry | None
    after: SnapshotEntry | None

    def changed(self, field: str) -> bool:
        if self.before is None or self.after is None:
            return True
        return getattr(self.before, field) != getattr(self.after, field)

    def recorded_change(self, field: str) -> bool:
        """Changed between two snapshots that both recorded ``field`` (older snapshots left
        it blank: "not recorded" then, never a change)."""
        if self.before is None or self.after is None:
            return False
        before, after = getattr(self.before, field), getattr(self.after, field)
        if self.before.relationship_status == "":  # taken before these fields existed
            return False
        return before != after

    @property
    def status_changed(self) -> bool:
        return self.recorded_change("relationship_status")

    @property
    def communication_changed(self) -> bool:
        return self.recorded_change("communication_pattern")

    @property
    def wanted_change_changed(self) -> bool:
        return self.recorded_change("wanted_change")

    @property
    def closeness_changed(self) -> bool:
        return self.changed("closeness")

    @property
    def support_changed(self) -> bool:
        return self.changed("support_level")

    @property
    def conflict_changed(self) -> bool:
        return self.changed("conflict_level")


def compare_snapshots(before: InventorySnapshot, after: InventorySnapshot) -> list[ComparisonRow]:
    """Person by person, what moved between two snapshots (people added or gone included)."""
    first = {e.person_id: e for e in before.entries.all()}
    second = {e.person_id: e for e in after.entries.all()}
    rows = [
        ComparisonRow(
            name=(second.get(pid) or first.get(pid)).name,
            before=first.get(pid),
            after=second.get(pid),
        )
        for pid in first.keys() | second.keys()
    ]
    return sorted(rows, key=lambda r: r.name.lower())


def add_event(course, actor, data: dict) -> TimelineEvent:
    people = data.pop("people", [])
    with transaction.atomic():
        event = TimelineEvent.objects.create(course=course, **data)
        event.people.set(people)
        record(actor, "timeline.add", event, client=course.client, detail={"kind": event.kind})
    return event


def update_event(event: TimelineEvent, actor, data: dict, expected_version) -> TimelineEvent:
    people = data.pop("people", [])
    with transaction.atomic():
        event = _lock_current(TimelineEvent, event.pk, expected_version)
        for key, value in data.items():
            setattr(event, key, value)
        event.version += 1
        event.save()
        event.people.set(people)
        record(actor, "timeline.update", event, client=event.course.client)
    return event


def remove_event(event: TimelineEvent, actor) -> TimelineEvent:
    with transaction.atomic():
        event = TimelineEvent.objects.select_for_update().get(pk=event.pk)
        if event.removed_at is None:
            event.removed_at = timezone.now()
            event.version += 1
            event.save(update_fields=["removed_at", "version", "updated_at"])
            record(actor, "timeline.remove", event, client=event.course.client)
    return event
