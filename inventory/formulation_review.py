"""Reviewing the formulation a maintenance course inherits (H45).

Opening a maintenance course copies the acute course's current formulation as its version 1
(``sessions.maintenance``). At the start of maintenance the therapist reviews it with the
client: either confirms it still holds (a ``FormulationConfirmation``: who and when) or revises
it (a new version, or an edited draft). Until one of these, the course page and the maintenance
session note prompt for it.
"""

from dataclasses import dataclass

from inventory.formulation_model import Formulation, FormulationConfirmation
from inventory.formulation_progress import formulation_versions


@dataclass(frozen=True)
class InheritedFormulation:
    formulation: Formulation
    confirmation: FormulationConfirmation | None

    @property
    def revised(self) -> bool:
        """Revised since it was carried over: a later version, or the copy edited as a draft."""
        return self.formulation.number > 1 or self.formulation.version > 1

    @property
    def review_due(self) -> bool:
        return not self.revised and self.confirmation is None


def inherited_formulation(course) -> InheritedFormulation | None:
    """The current formulation of a maintenance course with how it was reviewed; None for
    other courses or a maintenance course that inherited none. Two queries at most (the
    versions are shared with the course page's formulation panel)."""
    if not course.is_maintenance:
        return None
    versions = formulation_versions(course)
    if not versions:
        return None
    current = versions[0]
    confirmation = None
    if current.number == 1 and current.version == 1:
        confirmation = (
            FormulationConfirmation.objects.filter(course=course, formulation=current)
            .select_related("confirmed_by")
            .first()
        )
    return InheritedFormulation(current, confirmation)


def review_due(course) -> Formulation | None:
    """The inherited formulation still waiting for its review, if any."""
    inherited = inherited_formulation(course)
    return inherited.formulation if inherited and inherited.review_due else None
