from django import template

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
