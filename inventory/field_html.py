"""One form field of the inventory, timeline and formulation pages, written in Python byte for
byte as the template ``inventory/_field.html`` writes it (the inventory page shows a dozen
fields for each person; each include cost a template context and a dozen lookups).

The template stays the reference: tests/inventory/test_field_html.py renders both for every
field of these pages' forms, with and without errors, and compares them. Pages write a field
with ``{% inventory_field field %}`` (``inventory_panels``).
"""

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

FIELD_TEMPLATE = "inventory/_field.html"


def _text(value) -> str:
    """``{{ value }}`` under autoescape (forms' errors and fields render through ``__html__``)."""
    return conditional_escape(value)


def _help(field, with_id: bool) -> str:
    if not field.help_text:
        return ""
    if not with_id:
        return f'<span class="help">{_text(field.help_text)}</span>'
    return (
        f'<span class="help" id="{_text(field.auto_id)}_helptext">{_text(field.help_text)}</span>'
    )


def field_html(field) -> SafeString:
    """``{% include "inventory/_field.html" %}`` for ``field`` (a BoundField)."""
    if field.is_hidden:
        return mark_safe(f"{_text(field)}\n")  # noqa: S308 - escaped
    error_class = " field--error" if field.errors else ""
    if field.use_fieldset:
        html = (
            f'<fieldset class="field field--group{error_class}">\n'
            f"  <legend>{_text(field.label)}</legend>\n"
            f"  {_help(field, with_id=False)}\n"
            f"  {_text(field.errors)}\n"
            f"  {_text(field)}\n"
            "</fieldset>"
        )
    elif field.widget_type == "checkbox":
        html = (
            f'<div class="field field--check{error_class}">\n'
            f"  {_text(field.errors)}\n"
            f'  <label for="{_text(field.id_for_label)}">{_text(field)} {_text(field.label)}</label>\n'
            f"  {_help(field, with_id=True)}\n"
            "</div>"
        )
    else:
        html = (
            f'<div class="field{error_class}">\n'
            f'  <label for="{_text(field.id_for_label)}">{_text(field.label)}</label>\n'
            f"  {_help(field, with_id=True)}\n"
            f"  {_text(field.errors)}\n"
            f"  {_text(field)}\n"
            "</div>"
        )
    return mark_safe(html + "\n")  # noqa: S308 - every value escaped above
