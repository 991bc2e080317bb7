"""One form field of the note pages, written in Python byte for byte as the template
``session_logs/includes/field.html`` writes it (the session page shows about fifty fields; each
include cost a template context and a dozen lookups, about a fifth of the page's time).

The template stays the reference: tests/sessions/test_field_html.py renders both for every
field of the note's forms, with and without errors, and compares them.
"""

from django.utils.safestring import SafeString, mark_safe

from cases.escaping import text as _text

FIELD_TEMPLATE = "session_logs/includes/field.html"
TECHNIQUES_TEMPLATE = "session_logs/includes/technique_field.html"
NOTHING_TO_CHOOSE = "Nothing to choose from yet."


def _help(field) -> str:
    if not field.help_text:
        return ""
    return (
        f'<span class="help" id="{_text(field.auto_id)}_helptext">{_text(field.help_text)}</span>'
    )


def _errors(field) -> str:
    errors = field.errors
    if not errors:
        return ""
    items = "".join(f"<li>{_text(error)}</li>" for error in errors)
    return f'<ul class="errorlist" id="{_text(field.auto_id)}_error">{items}</ul>'


def field_html(field, empty=None) -> SafeString:
    """``{% include "session_logs/includes/field.html" %}`` for ``field`` (a BoundField);
    ``empty``: the text shown when a choice field has nothing to choose."""
    error_class = " field--error" if field.errors else ""
    head = f'<div class="field{error_class}" id="field-{_text(field.html_name)}">\n  '
    kind = field.widget_type
    if kind == "checkbox":
        body = f"\n  <label>{_text(str(field))} {_text(field.label)}</label>\n  "
    elif kind in ("radioselect", "checkboxselectmultiple"):
        choices = "".join(
            f"<li><label>{_text(choice.tag())} {_text(choice.choice_label)}</label></li>"
            for choice in field
        )
        if not choices:
            choices = f'<li class="muted">{_text(empty or NOTHING_TO_CHOOSE)}</li>'
        body = (
            f'\n  <fieldset class="field__group">\n    <legend class="label">{_text(field.label)}'
            f"</legend>\n    {_help(field)}\n    {_errors(field)}\n"
            f'    <ul class="checks">{choices}</ul>\n  </fieldset>\n  '
        )
    else:
        body = (
            f'\n  <label for="{_text(field.auto_id)}">{_text(field.label)}</label>\n  '
            f"{_help(field)}\n  {_errors(field)}\n  {_text(str(field))}\n  "
        )
    return mark_safe(head + body + "\n</div>\n")  # noqa: S308 - every value escaped above


def technique_field_html(field) -> SafeString:
    """``{% include "session_logs/includes/technique_field.html" with field=... %}``: the
    techniques checkboxes, each with its guidance box (``{% technique_help %}``)."""
    from sessions.templatetags.technique_help import technique_help

    error_class = " field--error" if field.errors else ""
    help_text = (
        f'<span class="help" id="{_text(field.auto_id)}_helptext">{_text(field.help_text)}</span>'
        if field.help_text
        else ""
    )
    choices = "".join(
        f"<li><label>{_text(choice.tag())} {_text(choice.choice_label)}</label>"
        f"{_text(technique_help(choice.data['value']))}</li>"
        for choice in field
    )
    html = (
        f'\n\n<div class="field{error_class}" id="field-{_text(field.html_name)}">\n'
        f'  <fieldset class="field__group">\n    <legend class="label">{_text(field.label)}'
        f"</legend>\n    {help_text}\n    {_errors(field)}\n"
        f'    <ul class="checks checks--techniques">{choices}</ul>\n  </fieldset>\n</div>\n'
    )
    return mark_safe(html)  # noqa: S308 - every value escaped above
