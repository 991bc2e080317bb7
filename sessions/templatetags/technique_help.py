"""Help beside each technique on the session note: ``{% technique_help code %}``."""

from django import template

from sessions.technique_guidance import guidance_for
from sessions.techniques import TECHNIQUE_LABELS

register = template.Library()


@register.inclusion_tag("session_logs/includes/technique_help.html")
def technique_help(code: str) -> dict:
    """A collapsed "About" box for one technique; nothing for a code with no guidance."""
    return {"code": code, "label": TECHNIQUE_LABELS.get(code, code), "guide": guidance_for(code)}
