from django import forms

from cases import ports
from cases.clinical_dates import ClinicalDateField, set_birth_date
from measures import instruments
from measures.models import RiskReview, SafetyPlan

OUTSIDE_OPTIONS = "That answer is not one of this item's options."


def item_field_name(item: instruments.Item) -> str:
    return f"item_{item.key}"


class QuestionnaireForm(forms.Form):
    """One questionnaire, item by item. The total is never an input: the server computes it."""

    completed_on = ClinicalDateField(
        label="Completed on", future_message="The date cannot be in the future."
    )
    session = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="Session",
        empty_label="Not in a session (e.g. at assessment)",
        error_messages={"invalid_choice": "That session is not one of this course's sessions."},
    )

    def __init__(self, *args, instrument: instruments.Instrument, course, **kwargs):
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        self.course = course
        set_birth_date(self, course.client.date_of_birth)
        # The sessions are the sessions app's: read through the appointment book.
        self.fields["session"].queryset = ports.book().open_appointments(course)
        self.fields["session"].label_from_instance = str
        for item in instrument.items:
            self.fields[item_field_name(item)] = forms.ChoiceField(
                label=item.text,
                choices=[(option.code, option.label) for option in item.options],
                widget=forms.RadioSelect,
                required=False,
                error_messages={"invalid_choice": OUTSIDE_OPTIONS},
            )
        self.result: instruments.Score | None = None

    def raw_answers(self) -> dict[str, str]:
        data = self.data if self.is_bound else {}
        return {item.key: data.get(item_field_name(item), "") for item in self.instrument.items}

    def current_score(self) -> instruments.Score:
        """Scores whatever has been answered so far, valid or not (for the live total)."""
        return instruments.score(self.instrument, self.raw_answers())

    def item_rows(self):
        return [(item, self[item_field_name(item)]) for item in self.instrument.items]

    def clean(self):
        cleaned = super().clean()
        result = instruments.score(self.instrument, self.raw_answers())
        for key, message in result.errors.items():
            name = f"item_{key}"
            if name not in self.errors:
                self.add_error(name, message)
        sent_total = (self.data.get("total") or "").strip()
        if sent_total and result.total is not None and sent_total != str(result.total):
            self.add_error(
                None,
                f"The total is worked out from the answers ({result.total}); "
                f"the total sent ({sent_total}) does not match and was not used.",
            )
        self.result = result
        return cleaned


class RiskReviewForm(forms.ModelForm):
    class Meta:
        model = RiskReview
        fields = ["assessment", "actions", "contacted"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.fields:
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = {
                "assessment": "Record the risk assessment before closing the flag.",
                "actions": "Record what was done before closing the flag.",
                "contacted": "Record who was contacted (or why no one was) before closing the flag.",
            }[name]

    def clean(self):
        cleaned = super().clean()
        for name in self.Meta.fields:
            if name in cleaned and not cleaned[name].strip():
                self.add_error(name, self.fields[name].error_messages["required"])
        return cleaned


class SafetyPlanForm(forms.ModelForm):
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = SafetyPlan
        fields = SafetyPlan.SECTIONS
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in SafetyPlan.SECTIONS}
