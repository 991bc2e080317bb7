"""Supervision's panels on the pages of the features below it (docs/architecture.md).

The formulation page (inventory) and the session note (sessions) show the supervisor's review
and comments beside the record; they load these tags instead of importing supervision.
"""

from django import template

from supervision.review_history import formulation_comment_context

register = template.Library()


@register.simple_tag(takes_context=True)
def formulation_review(context, course, formulation) -> dict:
    """Comments beside one formulation version and the supervisor's form (one query).

    A view that re-renders the page with a bound comment form (supervision's own) passes its
    panel as ``formulation_review``; that one is used as it is.
    """
    given = context.get("formulation_review")
    if given is not None:
        return given
    return formulation_comment_context(course, formulation, context["request"].user)
