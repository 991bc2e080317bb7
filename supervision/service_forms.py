"""Date ranges read from the address (``?from=YYYY-MM-DD&to=YYYY-MM-DD``)."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from cases.form_layout import DateInput

# Dates outside this span are typing mistakes (a year of 0226), not a period anyone means.
EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(2100, 12, 31)


def a_year_before(day: datetime.date) -> datetime.date:
    """The same date a year earlier, plus one day: ``day`` closes a period of 12 months."""
    try:
        earlier = day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        earlier = day.replace(year=day.year - 1, day=28)
    return earlier + datetime.timedelta(days=1)


class DateRangeForm(forms.Form):
    """An optional period from one date to another, both included.

    The fields are named ``from`` and ``to`` (the address reads naturally); neither is a valid
    Python name, so they are added in ``__init__``.
    """

    from_label = "From"
    to_label = "To"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "period-%s")
        super().__init__(*args, **kwargs)
        self.fields["from"] = forms.DateField(
            label=self.from_label, required=False, widget=DateInput()
        )
        self.fields["to"] = forms.DateField(label=self.to_label, required=False, widget=DateInput())

    def clean(self):
        cleaned = super().clean()
        for name in ("from", "to"):
            day = cleaned.get(name)
            if day is not None and not EARLIEST <= day <= LATEST:
                self.add_error(name, "Enter a date between 1900 and 2100.")
                cleaned[name] = None
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and start > end:
            raise ValidationError("The start of the period must be on or before its end.")
        return cleaned

    def period(self) -> tuple[datetime.date | None, datetime.date | None]:
        """(from, to) once valid; either may be None (no limit on that side)."""
        return self.cleaned_data.get("from"), self.cleaned_data.get("to")


class ServicePeriodForm(DateRangeForm):
    """The period the service figures cover: the last 12 months unless chosen otherwise."""

    from_label = "Courses ended from"
    to_label = "to"

    def __init__(self, data=None, *args, **kwargs):
        # An address without either date shows the default period, not an empty bound form.
        if data is not None and not any(data.get(name) for name in ("from", "to")):
            data = None
        super().__init__(data, *args, **kwargs)
        today = timezone.localdate()
        self.fields["from"].initial = a_year_before(today)
        self.fields["to"].initial = today

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        end = cleaned.get("to") or timezone.localdate()
        start = cleaned.get("from") or a_year_before(end)
        if start > end:
            raise ValidationError(
                "The start of the period is after today: choose an end date as well."
            )
        cleaned["from"], cleaned["to"] = start, end
        return cleaned

    def period(self) -> tuple[datetime.date, datetime.date]:
        if not self.is_bound:
            return self.fields["from"].initial, self.fields["to"].initial
        return self.cleaned_data["from"], self.cleaned_data["to"]

    def is_valid(self) -> bool:
        return not self.is_bound or super().is_valid()
