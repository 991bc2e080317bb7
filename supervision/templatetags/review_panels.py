"""Supervision's panels on the pages of the features below it (docs/architecture.md).

The session pages and the formulation pages show the supervisor's review and comments beside
the record; their templates load these tags instead of sessions or inventory importing
supervision.
"""

from django import template

from supervision.review_history import (
    formulation_comment_context,
    latest_return,
    note_review_context,
)

register = template.Library()


@register.simple_tag
def returned_note(session):
    """The supervisor's return a draft is being revised after, or None (one query, then)."""
    return latest_return(session)


@register.simple_tag(takes_context=True)
def note_review(context, session) -> str:
    """Put the review panel's data in the page unless the supervision view already did.

    The supervision views render the note page with their own forms and errors; the note page
    itself gets the default panel here (two queries).
    """
    if "reviews" not in context:
        user = getattr(context.get("request"), "user", None)
        for key, value in note_review_context(session, user).items():
            context[key] = value
    return ""


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
