"""Forms of the initial-phase records: suitability, the agreed length, the sick role."""

from django import forms

from cases.clinical_dates import ClinicalDateField, set_birth_date
from cases.form_layout import DateInput
from cases.models.initial_records import (
    LengthAgreement,
    SickRoleEntry,
    SickRoleKind,
    SuitabilityRecord,
    last_session_date,
)

TEXT = forms.Textarea(attrs={"rows": 3})


class SuitabilityForm(forms.ModelForm):
    class Meta:
        model = SuitabilityRecord
        fields = ["why_ipt", "exclusions_considered", "alternatives_offered"]
        widgets = dict.fromkeys(fields, TEXT)


class LengthAgreementForm(forms.ModelForm):
    """The client's agreement to the course's planned length; the number itself is the plan's."""

    class Meta:
        model = LengthAgreement
        fields = ["agreed_on", "agreed_with", "ends_by"]
        widgets = {"ends_by": DateInput(), "agreed_on": DateInput()}
        field_classes = {"ends_by": ClinicalDateField, "agreed_on": ClinicalDateField}
        help_texts = {
            "ends_by": "The date you and the client named for the last session.",
            "agreed_on": "The day of the session in which you agreed it.",
        }

    def __init__(self, *args, course, **kwargs):
        self.course = course
        kwargs.setdefault("initial", {}).setdefault(
            "ends_by", last_session_date(course.start_date, course.planned_sessions)
        )
        kwargs["initial"].setdefault("agreed_with", "The client")
        super().__init__(*args, **kwargs)
        set_birth_date(self, course.client.date_of_birth)
        self.fields["ends_by"].future = True
        self.instance.course = course
        self.instance.sessions = course.planned_sessions

    def clean(self):
        data = super().clean()
        ends_by, agreed_on = data.get("ends_by"), data.get("agreed_on")
        earliest = last_session_date(self.course.start_date, self.course.planned_sessions)
        if ends_by and ends_by < earliest:
            self.add_error(
                "ends_by",
                f"{self.course.planned_sessions} weekly sessions from "
                f"{self.course.start_date:%-d %b %Y} end on {earliest:%-d %b %Y} at the earliest. "
                "Give a later date, or change the planned length first (Edit course).",
            )
        if ends_by and agreed_on and ends_by < agreed_on:
            self.add_error("ends_by", "The end date cannot be before the day it was agreed.")
        return data


class SickRoleForm(forms.ModelForm):
    class Meta:
        model = SickRoleEntry
        fields = ["on", "agreed"]
        widgets = {"on": DateInput(), "agreed": TEXT}
        field_classes = {"on": ClinicalDateField}

    def __init__(self, *args, course, kind: str, given: SickRoleEntry | None = None, **kwargs):
        self.course = course
        self.given = given
        super().__init__(*args, **kwargs)
        set_birth_date(self, course.client.date_of_birth)
        self.instance.course = course
        self.instance.kind = kind
        if kind == SickRoleKind.GIVEN:
            self.fields["on"].label = "Given on"
            self.fields["agreed"].label = "What was agreed"
            self.fields[
                "agreed"
            ].help_text = (
                "Which duties the client will ease off for now, who was told, and for how long."
            )
        else:
            self.fields["on"].label = "Roles resumed by"
            self.fields["agreed"].label = "Which roles the client has taken back"
            self.fields[
                "agreed"
            ].help_text = (
                "What the client does again now (work, home, family) and anything still eased."
            )

    def clean_on(self):
        day = self.cleaned_data["on"]
        if self.given is not None and day < self.given.on:
            raise forms.ValidationError(
                f"The sick role was given on {self.given.on:%-d %b %Y}: roles are resumed after it."
            )
        return day
