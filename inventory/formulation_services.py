"""Writing the formulation: drafts edited in place, shared versions frozen, every write audited."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from audit.trail import record
from cases.models import Course
from inventory.models import Formulation, FormulationConfirmation, InventoryCompletion

STALE = (
    "Someone saved this formulation after you opened it. Your text is kept below: reload the "
    "page to see their version, then apply your changes again."
)


class FormulationError(Exception):
    """A write refused for a reason the user can act on; ``field`` says where to show it."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Saved:
    formulation: Formulation
    new_version: bool
    replaced_area: str | None  # the previous primary area when a new one replaced it


def save_formulation(
    course: Course, actor, data: dict, answers: dict, expected_version: int | None
) -> Saved:
    """Save the current draft, or start the next version when the current one was shared."""
    with transaction.atomic():
        Course.objects.select_for_update().get(pk=course.pk)
        current = course.formulations.order_by("-number").first()
        fields = {
            "primary_area": data["primary_area"],
            "secondary_area": data.get("secondary_area") or "",
            "onset_event": data.get("onset_event"),
            "plain_words": data.get("plain_words", "").strip(),
            "goal_1": data.get("goal_1", "").strip(),
            "goal_2": data.get("goal_2", "").strip(),
            "goal_3": data.get("goal_3", "").strip(),
        }
        if current is not None and not current.is_shared:
            if expected_version is not None and current.version != expected_version:
                raise FormulationError(STALE)
            replaced = (
                current.primary_area if current.primary_area != fields["primary_area"] else None
            )
            for key, value in fields.items():
                setattr(current, key, value)
            current.worksheet = {**current.worksheet, fields["primary_area"]: answers}
            current.version += 1
            current.save()
            record(
                actor,
                "formulation.update",
                current,
                client=course.client,
                detail={"number": current.number, "primary_area": current.primary_area},
            )
            return Saved(current, False, replaced)
        previous_area = current.primary_area if current else None
        worksheet = dict(current.worksheet) if current else {}
        worksheet[fields["primary_area"]] = answers
        formulation = Formulation.objects.create(
            course=course,
            number=(current.number + 1) if current else 1,
            worksheet=worksheet,
            author=actor,
            **fields,
        )
        record(
            actor,
            "formulation.revise" if current else "formulation.create",
            formulation,
            client=course.client,
            detail={"number": formulation.number, "primary_area": formulation.primary_area},
        )
        replaced = (
            previous_area if previous_area and previous_area != fields["primary_area"] else None
        )
        return Saved(formulation, current is not None, replaced)


def share_formulation(
    course: Course,
    actor,
    *,
    shared_on: datetime.date,
    client_agreed: bool,
    client_words: str,
    expected_version: int | None,
) -> Formulation:
    """Record that the current draft was shared with the client; it is then frozen."""
    with transaction.atomic():
        Course.objects.select_for_update().get(pk=course.pk)
        current = course.formulations.order_by("-number").first()
        if current is None:
            raise FormulationError("Write and save the formulation before sharing it.")
        if current.is_shared:
            raise FormulationError(
                f"Version {current.number} was already shared. Revise it to share a new version."
            )
        if expected_version is not None and current.version != expected_version:
            raise FormulationError(STALE)
        completion = InventoryCompletion.objects.filter(course=course).first()
        if completion is None:
            raise FormulationError(
                "The interpersonal inventory is not marked complete yet. A focus chosen without "
                "it may be the wrong one: complete the inventory first, then share."
            )
        if not current.plain_words:
            raise FormulationError("Write the formulation in plain words before sharing it.")
        if len(current.goals) < 2:
            raise FormulationError(
                "Agree at least two concrete interpersonal goals before sharing."
            )
        if shared_on > timezone.localdate():
            raise FormulationError(
                "Record the day it was shared: not a future date.", field="shared_on"
            )
        if shared_on < course.start_date:
            raise FormulationError(
                "The formulation cannot be shared before the course started.", field="shared_on"
            )
        # Both are clinical dates: the same rule as above, read in the client's time.
        if shared_on < completion.completed_on:
            raise FormulationError(
                f"The inventory was completed on {completion.completed_on:%-d %b %Y}. A "
                "formulation shared before then was chosen without it: check the date it was "
                "shared, or the date the inventory was completed.",
                field="shared_on",
            )
        current.shared_on = shared_on
        current.client_agreed = client_agreed
        current.client_words = client_words.strip()
        current.version += 1
        current.save()
        record(
            actor,
            "formulation.share",
            current,
            client=course.client,
            detail={"number": current.number, "client_agreed": client_agreed},
        )
        return current


def confirm_inherited_formulation(course: Course, actor) -> FormulationConfirmation:
    """Record that the formulation a maintenance course inherited still holds (H45): who
    confirmed it and when, audited. Refused when there is nothing inherited to confirm or it
    has already been reviewed (confirmed or revised)."""
    from inventory.formulation_review import inherited_formulation

    with transaction.atomic():
        Course.objects.select_for_update().get(pk=course.pk)
        course = Course.objects.get(pk=course.pk)  # a fresh read under the lock
        inherited = inherited_formulation(course)
        if inherited is None:
            raise FormulationError(
                "Only a maintenance course's inherited formulation is confirmed."
            )
        if not inherited.review_due:
            raise FormulationError("This formulation has already been reviewed.")
        confirmation = FormulationConfirmation.objects.create(
            course=course, formulation=inherited.formulation, confirmed_by=actor
        )
        record(
            actor,
            "formulation.confirm",
            confirmation,
            client=course.client,
            detail={"course": course.pk, "version": inherited.formulation.number},
        )
    return confirmation
