import datetime

from django import forms


class DateOfBirthForm(forms.Form):
    """Three plain number boxes: easier on a phone than a date picker that starts at today."""

    day = forms.IntegerField(min_value=1, max_value=31, label="Day")
    month = forms.IntegerField(min_value=1, max_value=12, label="Month")
    year = forms.IntegerField(min_value=1900, max_value=2100, label="Year")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, width in (("day", 2), ("month", 2), ("year", 4)):
            self.fields[name].widget.attrs.update(
                {"inputmode": "numeric", "autocomplete": f"bday-{name}", "size": width}
            )

    def clean(self):
        data = super().clean()
        try:
            data["date"] = datetime.date(data["year"], data["month"], data["day"])
        except (KeyError, TypeError, ValueError):
            raise forms.ValidationError("That is not a date. Please check the numbers.") from None
        return data
