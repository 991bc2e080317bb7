"""Which focal areas a session's prompts are shown for.

The formulation (another app) knows the course's primary and secondary focal area. It is looked
up lazily so session notes still work, showing every area's prompts as optional, before a
formulation exists or while that code is absent.
"""

import importlib
from dataclasses import dataclass

from cases.focal_areas import FocalArea


@dataclass(frozen=True)
class FocusPrompts:
    areas: list[str]
    primary: str | None
    secondary: str | None

    @property
    def chosen(self) -> bool:
        return self.primary is not None


def current_focal_areas(course) -> tuple[str | None, str | None]:
    try:
        module = importlib.import_module("inventory.formulation_progress")
    except ImportError:
        return (None, None)
    finder = getattr(module, "current_focal_areas", None)
    if finder is None:
        return (None, None)
    return finder(course)


def prompts_for(session, recorded: list[str] | tuple[str, ...] = ()) -> FocusPrompts:
    """The areas to prompt for: the chosen ones, plus any already recorded on this note."""
    primary, secondary = current_focal_areas(session.course)
    if primary is None:
        return FocusPrompts(areas=list(FocalArea.values), primary=None, secondary=None)
    areas = [primary] + ([secondary] if secondary else [])
    areas += [area for area in FocalArea.values if area in recorded and area not in areas]
    return FocusPrompts(areas=areas, primary=primary, secondary=secondary)
