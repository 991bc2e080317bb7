"""The people a note's checkboxes offer, read in one plain query per form.

Django's ``ModelChoiceIterator`` reads the choices with ``QuerySet.iterator()`` every time a
field's options are listed: on PostgreSQL a server-side cursor (declare, fetch, close) for a
dozen rows, and again for each listing. A note's people are few and listed whole: this reads
them once into the field's queryset and lists them from there (same choices, same order).
"""

from django.forms.models import ModelChoiceIterator


class ReadOnceChoices(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        # Iterating the queryset itself fills its result cache: later listings reuse it.
        for obj in self.queryset:
            yield self.choice(obj)


def read_once(field) -> None:
    """Make ``field`` (a ModelChoiceField or ModelMultipleChoiceField) list its choices from
    one read of its queryset."""
    field.iterator = ReadOnceChoices
    field.widget.choices = field.choices  # the widget keeps the iterator made with the field
