"""Supervision's part of the session pages, loaded by their templates (sessions never imports
supervision): the return a note is being revised after, and the review panel beside a note."""

from django import template

from supervision.review_history import latest_return, note_review_context

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
