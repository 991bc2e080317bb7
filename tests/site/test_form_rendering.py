"""The widget renderer writes exactly what Django's widget templates write."""

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from ipt_site.form_rendering import WidgetRenderer


class Everything(forms.Form):
    text = forms.CharField(
        widget=forms.TextInput(attrs={"class": "a", "placeholder": 'say "hi" & <go>'})
    )
    number = forms.IntegerField(
        widget=forms.NumberInput(attrs={"min": 0, "max": 10, "required": True})
    )
    email = forms.EmailField()
    url = forms.URLField()
    password = forms.CharField(widget=forms.PasswordInput(render_value=True))
    hidden = forms.CharField(widget=forms.HiddenInput)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}))
    tick = forms.BooleanField(required=False, widget=forms.CheckboxInput(attrs={"disabled": False}))
    area = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "aria-describedby": "x y"}))
    radio = forms.ChoiceField(
        choices=[("1", "One"), ("2", "Two & <three>"), (3, 3)], widget=forms.RadioSelect
    )
    many = forms.MultipleChoiceField(
        choices=[("a", "A"), ("b", mark_safe("<b>B</b>"))], widget=forms.CheckboxSelectMultiple
    )
    choose = forms.ChoiceField(choices=[("x", "X"), ("y", "Y")])
    grouped = forms.ChoiceField(
        choices=[
            ("", "---"),
            ("Group <one>", [("g1", "G & 1"), ("g2", gettext_lazy("Yes"))]),
            (4, 4),
        ]
    )
    lazy = forms.ChoiceField(
        choices=[("a", gettext_lazy("Active")), ("b", mark_safe("<i>B</i>"))],
        widget=forms.Select(attrs={"class": "s", "data-x": 'q"q', "disabled": False}),
    )
    several = forms.MultipleChoiceField(choices=[("1", "One"), ("2", "Two")], required=False)


BOUND = {
    "text": '<script>alert("x")</script> & more',
    "number": "7",
    "email": "a@b.c",
    "url": "https://example.org/?a=1&b=2",
    "password": "p<>w",
    "hidden": "12",
    "day": "2026-11-30",
    "time": "09:30",
    "tick": "on",
    "area": 'Line one\n<Line two> & "three"',
    "radio": "2",
    "many": ["a", "b"],
    "choose": "y",
    "grouped": "g2",
    "lazy": "b",
    "several": ["1", "2"],
}
INITIAL = {"day": datetime.date(2026, 1, 2), "number": 4, "area": "", "radio": 3}


def _html(form) -> list[str]:
    out = []
    for field in form:
        out.append(str(field))
        if field.widget_type in ("radioselect", "checkboxselectmultiple"):
            out += [str(choice.tag()) for choice in field]
            out += [str(choice) for choice in field]
    return out


@pytest.mark.parametrize(
    "make",
    [
        lambda r: Everything(renderer=r),
        lambda r: Everything(BOUND, renderer=r),
        lambda r: Everything(initial=INITIAL, renderer=r),
        lambda r: Everything({}, renderer=r),
        lambda r: Everything(auto_id=False, renderer=r),
    ],
)
def test_it_writes_what_the_templates_write(make):
    assert _html(make(WidgetRenderer())) == _html(make(DjangoTemplates()))


def test_it_is_the_renderer_of_the_site(settings):
    assert settings.FORM_RENDERER == "ipt_site.form_rendering.WidgetRenderer"
