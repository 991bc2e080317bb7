from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def service_crisis_text() -> str:
    """The service's own words on what to do in a crisis (CLIENT_CRISIS_TEXT)."""
    return settings.CLIENT_CRISIS_TEXT
