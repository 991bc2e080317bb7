"""Help beside each technique on the session note: ``{% technique_help code %}``."""

from django import template
from django.template.loader import render_to_string

from sessions.technique_guidance import guidance_for
from sessions.techniques import TECHNIQUE_LABELS

register = template.Library()


HELP_TEMPLATE = "session_logs/includes/technique_help.html"
# The box depends only on the code and the guidance, which is fixed data: rendered once per
# code per process (the note page shows one for each of about fifteen techniques).
_rendered: dict[str, str] = {}


def help_context(code: str) -> dict:
    return {"code": code, "label": TECHNIQUE_LABELS.get(code, code), "guide": guidance_for(code)}


@register.simple_tag
def technique_help(code: str) -> str:
    """A collapsed "About" box for one technique; nothing for a code with no guidance."""
    code = str(code)
    if code not in _rendered:
        _rendered[code] = render_to_string(HELP_TEMPLATE, help_context(code))
    return _rendered[code]
