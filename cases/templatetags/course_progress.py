from django import template

from cases.progress_html import progress_cells_html

register = template.Library()


@register.simple_tag
def progress_cells(course):
    """The cells of the course page's progress bar, written in Python
    (``cases.progress_html``)."""
    return progress_cells_html(course)
