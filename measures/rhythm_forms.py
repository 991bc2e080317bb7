"""The week's social rhythm sheet as one form: 7 days x 5 anchors, a time and who was there.

Times are typed, not picked ("7", "730", "7:30", "23.15"), so a whole sheet is entered with
the keyboard alone, row by row (Tab moves anchor by anchor, day by day).
"""

import datetime

from django import forms
from django.utils import timezone

from cases.clinical_dates import ClinicalDateField
from measures.rhythm import ANCHORS, DAYS_IN_WEEK, parse_time
from measures.rhythm_models import Company

BAD_TIME = "Type a time of day such as 7:30 or 23:15."
NO_COMPANY = "Say who was there."
FUTURE_DAY = "This day has not come yet: leave it empty."


def field_name(day: int, key: str) -> str:
    return f"d{day}-{key}"


class RhythmWeekForm(forms.Form):
    week_start = ClinicalDateField(
        label="First day of the sheet", future_message="The week cannot start in the future."
    )
    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Short labels in the grid (the sheet's own words); the page's help says what each means.
        company = [("", "—"), *((value, value.capitalize()) for value in Company.values)]
        for day in range(DAYS_IN_WEEK):
            for anchor in ANCHORS:
                self.fields[field_name(day, anchor.key)] = forms.CharField(
                    label=anchor.label, required=False, max_length=5
                )
                self.fields[field_name(day, f"{anchor.key}_with")] = forms.ChoiceField(
                    label=f"{anchor.label}: who was there", choices=company, required=False
                )

    def clean(self):
        cleaned = super().clean()
        start = cleaned.get("week_start")
        today = timezone.localdate()
        for day in range(DAYS_IN_WEEK):
            for anchor in ANCHORS:
                name = field_name(day, anchor.key)
                text = self.data.get(name, "") or ""
                try:
                    time = parse_time(text)
                except ValueError:
                    self.add_error(name, BAD_TIME)
                    continue
                cleaned[name] = time
                company = field_name(day, f"{anchor.key}_with")
                if time is not None and not cleaned.get(company):
                    self.add_error(company, NO_COMPANY)
                if time is not None and start and start + datetime.timedelta(days=day) > today:
                    self.add_error(name, FUTURE_DAY)
        return cleaned

    def days(self) -> list[tuple[datetime.date, dict]]:
        """Each day of the week with its anchors' values, as the model stores them."""
        start = self.cleaned_data["week_start"]
        rows = []
        for day in range(DAYS_IN_WEEK):
            values = {}
            for anchor in ANCHORS:
                time = self.cleaned_data.get(field_name(day, anchor.key))
                values[anchor.key] = time
                company = self.cleaned_data.get(field_name(day, f"{anchor.key}_with")) or ""
                values[f"{anchor.key}_with"] = company if time is not None else ""
            rows.append((start + datetime.timedelta(days=day), values))
        return rows

    def grid(self) -> list[dict]:
        """The rows the template draws: each day with its anchors' bound fields."""
        start = self._start()
        rows = []
        for day in range(DAYS_IN_WEEK):
            rows.append(
                {
                    "date": start + datetime.timedelta(days=day) if start else None,
                    "index": day,
                    "cells": [
                        (
                            anchor,
                            self[field_name(day, anchor.key)],
                            self[field_name(day, f"{anchor.key}_with")],
                        )
                        for anchor in ANCHORS
                    ],
                }
            )
        return rows

    def _start(self) -> datetime.date | None:
        if self.is_bound and hasattr(self, "cleaned_data"):
            return self.cleaned_data.get("week_start")
        value = self.initial.get("week_start")
        return value if isinstance(value, datetime.date) else None


def initial_for(week_start: datetime.date, saved: dict) -> dict:
    """Form values from the saved days (``saved``: date -> SocialRhythmDay)."""
    initial = {"week_start": week_start}
    for day in range(DAYS_IN_WEEK):
        row = saved.get(week_start + datetime.timedelta(days=day))
        if row is None:
            continue
        for anchor in ANCHORS:
            time = getattr(row, anchor.key)
            initial[field_name(day, anchor.key)] = f"{time:%H:%M}" if time else ""
            initial[field_name(day, f"{anchor.key}_with")] = getattr(row, f"{anchor.key}_with")
    return initial
