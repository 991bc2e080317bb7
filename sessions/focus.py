"""Which focal areas a session's prompts are shown for.

The formulation (inventory, below sessions) knows the course's primary and secondary focal area;
before a formulation exists every area's prompts are shown as optional.
"""

from dataclasses import dataclass

from cases.focal_areas import FocalArea
from inventory import formulation_progress


@dataclass(frozen=True)
class FocusPrompts:
    areas: list[str]
    primary: str | None
    secondary: str | None

    @property
    def chosen(self) -> bool:
        return self.primary is not None

    @property
    def primary_label(self) -> str:
        return FocalArea(self.primary).label if self.primary else ""

    @property
    def secondary_label(self) -> str:
        return FocalArea(self.secondary).label if self.secondary else ""


def current_focal_areas(course) -> tuple[str | None, str | None]:
    return formulation_progress.current_focal_areas(course)


def prompts_for(session, recorded: list[str] | tuple[str, ...] = ()) -> FocusPrompts:
    """The areas to prompt for: the chosen ones, plus any already recorded on this note."""
    primary, secondary = current_focal_areas(session.course)
    if primary is None:
        return FocusPrompts(areas=list(FocalArea.values), primary=None, secondary=None)
    areas = [primary] + ([secondary] if secondary else [])
    areas += [area for area in FocalArea.values if area in recorded and area not in areas]
    return FocusPrompts(areas=areas, primary=primary, secondary=secondary)
