"""The cells of the course page's phase progress bar, written in Python byte for byte as the
template ``cases/includes/progress_cells.html`` writes them. Through the template engine each
planned session cost a dozen conditions and lookups, about a third of the nodes the course page
renders. The template stays the reference: tests/cases/test_progress_html.py renders both for
courses in every state and compares them."""

from django.utils.safestring import SafeString, mark_safe

from cases.escaping import text

CELLS_TEMPLATE = "cases/includes/progress_cells.html"


def _cell(cell: dict) -> str:
    # ``{{ cell.number }}``: an int, which the template writes without grouping.
    number = text(cell["number"])
    if cell["extra"]:
        title = spoken = f"Extra session {number}, beyond the plan"
    else:
        label = text(cell["phase_label"])
        title, spoken = f"Session {number}: {label}", f"Session {number}, {label}"
    state = ", held" if cell["done"] else ", next" if cell["current"] else ""
    modifiers = (
        (" progress__cell--done" if cell["done"] else "")
        + (" progress__cell--current" if cell["current"] else "")
        + (" progress__cell--extra" if cell["extra"] else "")
    )
    return (
        f'\n    <li class="progress__cell progress__cell--{text(cell["phase"])}'
        f'{modifiers}" title="{title}{state}"><span class="visually-hidden">{spoken}{state}'
        "</span></li>\n    "
    )


def progress_cells_html(course) -> SafeString:
    """One ``<li>`` for each of ``course.progress_cells``."""
    cells = "".join(_cell(cell) for cell in course.progress_cells)
    return mark_safe(cells)  # noqa: S308 - every value escaped above
