"""The bounds every date in a clinical record keeps (issue 14, F3).

A date typed with the wrong century (1800 for 2018, 3026 for 2026) is refused at its field with
a plain message, the typed text kept, instead of reaching the charts and PDFs. Every clinical
date field of every form is a ``ClinicalDateField``: ``tests/security/test_clinical_dates.py``
finds any that is not.
"""

import datetime

from django import forms
from django.utils import timezone

from cases.form_layout import DateInput

EARLIEST = datetime.date(1900, 1, 1)
# Dates that may lie ahead (a course start, a follow-up, a moved appointment): a slip of the
# year is caught, a real plan fits.
FURTHEST_AHEAD = datetime.timedelta(days=2 * 366)


class ClinicalDateField(forms.DateField):
    """A clinical date: from 1 January 1900, not before the client was born (when the form sets
    ``born``), and not in the future unless ``future`` (then at most two years ahead)."""

    widget = DateInput

    def __init__(
        self,
        *,
        future: bool = False,
        born: datetime.date | None = None,
        future_message: str = "This date is in the future: record it once it has happened.",
        **kwargs,
    ):
        self.future = future
        self.born = born
        self.future_message = future_message
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        check(value, born=self.born, future=self.future, future_message=self.future_message)


def check(
    day: datetime.date,
    *,
    born: datetime.date | None = None,
    future: bool = False,
    future_message: str = "This date is in the future: record it once it has happened.",
) -> None:
    """Raise a ``ValidationError`` saying what is wrong with ``day``, if anything."""
    today = timezone.localdate()
    if day < EARLIEST:
        raise forms.ValidationError(
            f"{day:%-d %B} {day.year} is before 1900. Check the year.", code="too_early"
        )
    if born and day < born.replace(day=1):
        raise forms.ValidationError(
            f"This is before the client was born ({born:%-d %B %Y}). Check the year.",
            code="before_birth",
        )
    if not future and day > today:
        raise forms.ValidationError(future_message, code="future")
    if future and day > today + FURTHEST_AHEAD:
        raise forms.ValidationError(
            "This is more than two years ahead. Check the year.", code="too_far_ahead"
        )


def set_birth_date(form: forms.BaseForm, born: datetime.date | None, *, skip=()) -> None:
    """Tell every clinical date of ``form`` (except ``skip``) the client's date of birth."""
    for name, field in form.fields.items():
        if isinstance(field, ClinicalDateField) and name not in skip:
            field.born = born
