"""Django's form renderer, with its most used widget templates rendered in Python.

A page like the session note renders over a hundred inputs, radio buttons and text areas;
through the template engine each costs several includes and a fresh context (about 40% of
that page's time). ``WidgetRenderer`` writes exactly what Django's own templates write for
``input.html`` (and the one-line templates that include it), ``textarea.html``,
``input_option.html`` (radio and checkbox options) and ``select.html`` (with its options),
byte for byte, and hands every other
template, and any value it does not expect, to Django's renderer as before.
tests/site/test_form_rendering.py compares the two on every widget kind the app uses.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.functional import Promise
from django.utils.safestring import SafeData, mark_safe

from cases.escaping import text as escaped

WIDGETS = "django/forms/widgets/"
INPUT_TEMPLATES = {
    f"{WIDGETS}{name}.html"
    for name in (
        "input",
        "text",
        "number",
        "email",
        "url",
        "password",
        "hidden",
        "date",
        "time",
        "datetime",
        "checkbox",
        "search",
        "tel",
        "color",
    )
}
OPTION_TEMPLATES = {
    f"{WIDGETS}{n}.html" for n in ("input_option", "radio_option", "checkbox_option")
}
TEXTAREA = f"{WIDGETS}textarea.html"
SELECT = f"{WIDGETS}select.html"
SELECT_OPTION = f"{WIDGETS}select_option.html"


class Unexpected(Exception):
    """A value the fast path does not render exactly as the template would."""


def _text(value) -> str:
    """``{{ value }}`` for a string under autoescape (anything else goes to the template)."""
    if not isinstance(value, str):
        raise Unexpected
    return escaped(value)


def _label(value) -> str:
    """``{{ value }}`` for a label: a string or a lazy translation."""
    if isinstance(value, Promise):
        value = str(value)
    return _text(value)


def _formatted(value) -> str:
    """``{{ value|stringformat:'s' }}`` under autoescape."""
    if isinstance(value, tuple):
        value = str(value)
    try:
        text = str(value)
    except (ValueError, TypeError):
        return ""
    return text if isinstance(value, SafeData) else escaped(text)


def _attrs(attrs: dict) -> str:
    parts = []
    for name, value in attrs.items():
        if value is not False:
            parts.append(" " + _text(name))
            if value is not True:
                parts.append('="' + _formatted(value) + '"')
    return "".join(parts)


def _input(widget: dict) -> str:
    value = widget["value"]
    html = f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"'
    if value != None:  # noqa: E711 - the template's own comparison
        html += f' value="{_formatted(value)}"'
    return html + _attrs(widget["attrs"]) + ">"


def _option(widget: dict) -> str:
    if not widget.get("wrap_label"):
        return _input(widget)
    attrs = widget["attrs"]
    label_for = f' for="{_text(attrs["id"])}"' if attrs.get("id") else ""
    # input.html ends with a newline, which the option template keeps inside the label.
    return f"<label{label_for}>{_input(widget)}\n {_text(widget['label'])}</label>"


def _textarea(widget: dict) -> str:
    value = widget["value"]
    body = _text(value) if value else ""
    return f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n{body}</textarea>'


def _select(widget: dict) -> str:
    """select.html, with select_option.html included for each option (its closing newline
    kept, as the include keeps it)."""
    html = f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>'
    for group_name, group_choices, _ in widget["optgroups"]:
        if group_name:
            html += f'\n  <optgroup label="{_label(group_name)}">'
        for option in group_choices:
            if option["template_name"] != SELECT_OPTION:
                raise Unexpected
            html += (
                f'\n  <option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>'
                f"{_label(option['label'])}</option>\n"
            )
        if group_name:
            html += "\n  </optgroup>"
    return html + "\n</select>"


class WidgetRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        fast = (
            _input
            if template_name in INPUT_TEMPLATES
            else _option
            if template_name in OPTION_TEMPLATES
            else _textarea
            if template_name == TEXTAREA
            else _select
            if template_name == SELECT
            else None
        )
        widget = context.get("widget") if isinstance(context, dict) else None
        if fast is not None and isinstance(widget, dict):
            try:
                return mark_safe(fast(widget).strip())  # noqa: S308 - every part escaped above
            except (Unexpected, KeyError):
                pass
        return super().render(template_name, context, request=request)
