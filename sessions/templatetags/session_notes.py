from django import template
from django.forms import BoundField

from sessions.field_html import FIELD_TEMPLATE, field_html, technique_field_html
from sessions.techniques import TECHNIQUE_LABELS

register = template.Library()

INITIAL_ITEMS = (
    ("diagnosis_given", "Diagnosis given and explained"),
    ("psychoeducation_given", "Psychoeducation: depression as a treatable illness"),
    ("sick_role_explained", "Sick role explained and agreed"),
    ("risk_asked", "Suicide risk asked about directly"),
    ("focal_area_discussed", "Focal area discussed with the client"),
)


@register.filter
def initial_items(session) -> list[tuple[bool, str]]:
    return [(bool(getattr(session, name)), label) for name, label in INITIAL_ITEMS]


@register.filter
def technique_labels(codes) -> list[str]:
    return [TECHNIQUE_LABELS.get(code, code) for code in codes or []]


@register.simple_tag(takes_context=True)
def note_field(context, field, empty=None):
    """A note form's field, as ``session_logs/includes/field.html`` writes it
    (``sessions.field_html``); ``empty`` as that template reads it from the context. Anything
    but a form's field (a field the form does not have) goes through the template itself."""
    if not isinstance(field, BoundField):
        extra = {} if empty is None else {"empty": empty}
        with context.push(field=field, **extra):
            return context.template.engine.get_template(FIELD_TEMPLATE).render(context)
    return field_html(field, empty if empty is not None else context.get("empty"))


@register.simple_tag
def technique_field(field):
    """The techniques checkboxes as ``session_logs/includes/technique_field.html`` writes them
    (``sessions.field_html.technique_field_html``)."""
    return technique_field_html(field)
