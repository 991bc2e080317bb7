"""The formulation and share forms: every bad input answered at its field, input kept."""

from django import forms

from cases.clinical_dates import ClinicalDateField
from cases.focal_areas import FocalArea
from inventory.models import TimelineEvent

AREA_HELP = {
    FocalArea.GRIEF: "Depression began or deepened after the death of someone important.",
    FocalArea.ROLE_DISPUTE: "A clash of expectations with someone who matters.",
    FocalArea.ROLE_TRANSITION: "A life change: a new or lost role.",
    FocalArea.INTERPERSONAL_DEFICITS: "No single event: long-standing isolation or thin ties.",
}


class ListedChoices(forms.models.ModelChoiceIterator):
    """The choices read with one plain query, kept for the form's life: Django's own iterator
    uses ``QuerySet.iterator()``, which on PostgreSQL opens a server-side cursor (a DECLARE, a
    fetch and a close) for a list of a dozen events."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


class ListedModelChoiceField(forms.ModelChoiceField):
    iterator = ListedChoices


class FormulationForm(forms.Form):
    primary_area = forms.ChoiceField(
        label="Primary focal area",
        choices=FocalArea.choices,
        widget=forms.RadioSelect,
        help_text="One area only: it is what the middle phase will work on.",
    )
    secondary_area = forms.ChoiceField(
        label="Secondary focal area (optional)",
        choices=[("", "None"), *FocalArea.choices],
        required=False,
        help_text="Name one only if it truly matters; it must differ from the primary.",
    )
    onset_event = ListedModelChoiceField(
        label="Event or pattern linked to the onset",
        queryset=TimelineEvent.objects.none(),
        required=False,
        empty_label="Not linked yet",
        help_text="Chosen from the timeline's interpersonal events.",
    )
    plain_words = forms.CharField(
        label="The formulation in plain words",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=5000,
        help_text="A few sentences the client could repeat back in their own way.",
    )
    goal_1 = forms.CharField(label="Goal 1", max_length=300, required=False)
    goal_2 = forms.CharField(label="Goal 2", max_length=300, required=False)
    goal_3 = forms.CharField(label="Goal 3 (optional)", max_length=300, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["onset_event"].queryset = course.timeline.current().interpersonal()
        self.fields["onset_event"].label_from_instance = lambda e: (
            f"{e.when_label}: {e.description}"
        )

    def clean_primary_area(self):
        if hasattr(self.data, "getlist") and len(set(self.data.getlist("primary_area"))) > 1:
            raise forms.ValidationError(
                "Choose one primary focal area. A second area can be named as secondary."
            )
        return self.cleaned_data["primary_area"]

    def clean(self):
        data = super().clean()
        primary, secondary = data.get("primary_area"), data.get("secondary_area")
        if primary and secondary and primary == secondary:
            self.add_error(
                "secondary_area",
                "The secondary area must differ from the primary: choose another or none.",
            )
        return data


class ShareForm(forms.Form):
    shared_on = ClinicalDateField(
        label="Shared with the client on",
        help_text="The day of the session in which you shared it.",
        future_message="Record the day it was shared: not a future date.",
    )
    client_agreed = forms.BooleanField(
        label="The client agreed with the formulation", required=False
    )
    client_words = forms.CharField(
        label="The client's own words",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=3000,
        help_text="How the client put it back, as close to verbatim as you can.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, course, **kwargs):
        self.course = course
        super().__init__(*args, **kwargs)

    def clean_shared_on(self):
        """The clinical date: the session in which it was shared, not the day it is recorded."""
        day = self.cleaned_data["shared_on"]
        if day < self.course.start_date:
            raise forms.ValidationError(
                "The formulation cannot be shared before the course started "
                f"({self.course.start_date:%-d %b %Y}): give the day of the session."
            )
        return day
