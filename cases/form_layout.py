"""Forms grouped into fieldsets, rendered by ``templates/cases/includes/form_fields.html``."""

from django import forms


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class FieldsetsMixin:
    """``fieldsets = [(legend, [field names])]``; fields not named go in a last, unnamed group."""

    fieldsets: list[tuple[str, list[str]]] = []

    def grouped_fields(self) -> list[tuple[str, list]]:
        named = {name for _, names in self.fieldsets for name in names}
        groups = [
            (legend, [self[name] for name in names if name in self.fields])
            for legend, names in self.fieldsets
        ]
        rest = [field for field in self if field.name not in named and not field.is_hidden]
        if rest:
            groups.append(("", rest))
        return [(legend, fields) for legend, fields in groups if fields]


class VersionField(forms.IntegerField):
    """The record version the form was loaded with (optimistic locking)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(min_value=1, **kwargs)
