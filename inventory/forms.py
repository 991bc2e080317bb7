"""Forms of the inventory and timeline: each error lands at its field, with the input kept."""

from django import forms
from django.utils.timezone import localdate

from cases.clinical_dates import ClinicalDateField, set_birth_date
from inventory.models import (
    DETAILS_RULE,
    FEW_PEOPLE,
    MOOD_KINDS,
    EventKind,
    Person,
    RelationshipStatus,
    TimelineEvent,
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PersonForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Person
        fields = [
            "name",
            "relationship",
            "relationship_status",
            "closeness",
            "support_level",
            "conflict_level",
            "contact_frequency",
            "communication_pattern",
            "wanted_change",
            "support_given",
            "support_received",
            "conflict",
            "intimacy",
            "expectations_met",
            "expectations_unmet",
            "disappointments",
            "recent_changes",
            "date_of_death",
        ]
        widgets = {
            "date_of_death": DATE_INPUT,
            **{
                name: forms.Textarea(attrs={"rows": 2})
                for name in (
                    "communication_pattern",
                    "wanted_change",
                    "support_given",
                    "support_received",
                    "conflict",
                    "intimacy",
                    "expectations_met",
                    "expectations_unmet",
                    "disappointments",
                    "recent_changes",
                )
            },
        }
        # A relative may have died before the client was born: only 1900 and today bound it.
        field_classes = {"date_of_death": ClinicalDateField}
        help_texts = {
            "name": "A first name or a label the client uses, e.g. 'Mum'.",
            "contact_frequency": "For example: daily, weekly, a few times a year.",
        }

    def __init__(self, *args, course, **kwargs):
        self.course = course
        super().__init__(*args, **kwargs)
        self.fields["date_of_death"].future_message = "A date of death cannot be in the future."
        # Browsers always send the select; a post without it keeps the old meaning (current).
        self.fields["relationship_status"].required = False
        if self.instance.pk and not self.is_bound:
            self.fields["version"].initial = self.instance.version

    DETAIL_FIELDS = (
        "communication_pattern",
        "wanted_change",
        "support_given",
        "support_received",
        "conflict",
        "intimacy",
        "expectations_met",
        "expectations_unmet",
        "disappointments",
        "recent_changes",
    )

    def basic_fields(self):
        return [f for f in self if f.name not in self.DETAIL_FIELDS]

    def detail_fields(self):
        return [f for f in self if f.name in self.DETAIL_FIELDS]

    def clean(self):
        data = super().clean()
        status = data.get("relationship_status") or RelationshipStatus.CURRENT
        if data.get("date_of_death") and status != RelationshipStatus.DECEASED:
            if status == RelationshipStatus.CURRENT:
                status = RelationshipStatus.DECEASED  # a date of death says it
            else:
                self.add_error(
                    "relationship_status",
                    "A date of death is given: choose Deceased, or clear the date.",
                )
        data["relationship_status"] = status
        data["is_deceased"] = status == RelationshipStatus.DECEASED
        return data


class TimelineEventForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = TimelineEvent
        fields = ["kind", "occurred_on", "month_only", "description", "people"]
        widgets = {
            "occurred_on": DATE_INPUT,
            "people": forms.CheckboxSelectMultiple,
        }
        field_classes = {"occurred_on": ClinicalDateField}
        help_texts = {"description": "What happened, in a line."}

    def __init__(self, *args, course, **kwargs):
        self.course = course
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            ("", "Choose…"),
            ("Interpersonal event", [(k.value, k.label) for k in EventKind if k not in MOOD_KINDS]),
            ("Mood marker", [(k.value, k.label) for k in MOOD_KINDS]),
        ]
        set_birth_date(self, course.client.date_of_birth)
        self.fields[
            "occurred_on"
        ].future_message = "The timeline records what has happened: not a future date."
        self.fields["people"].queryset = Person.objects.filter(course=course).current()
        self.fields["people"].required = False
        if self.instance.pk and not self.is_bound:
            self.fields["version"].initial = self.instance.version

    def clean(self):
        data = super().clean()
        if data.get("occurred_on"):
            data["occurred_on"] = TimelineEvent.normalise(data["occurred_on"], data["month_only"])
        if data.get("kind") in MOOD_KINDS and data.get("people"):
            self.add_error("people", "A mood marker is about the client: leave people unticked.")
        return data


class CompletionForm(forms.Form):
    completed_on = ClinicalDateField(
        label="Completed with the client on",
        help_text="The day of the session in which the inventory was completed, not the day "
        "you are recording it.",
        future_message="This date is in the future. Give the day the inventory was completed.",
    )
    reason = forms.CharField(
        label="Why so few people",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=f"Needed when fewer than {FEW_PEOPLE} people are on the inventory.",
    )

    def __init__(self, *args, people_count: int, course, with_details: int | None = None, **kwargs):
        self.people_count = people_count
        self.with_details = people_count if with_details is None else with_details
        self.course = course
        kwargs.setdefault("initial", {}).setdefault("completed_on", localdate())
        super().__init__(*args, **kwargs)

    def clean_completed_on(self):
        day = self.cleaned_data["completed_on"]
        start = self.course.start_date
        if day < start:
            raise forms.ValidationError(
                f"The inventory cannot be completed before the course started "
                f"({start:%-d %b %Y}): give the day of the session."
            )
        return day

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if self.people_count < FEW_PEOPLE and not reason:
            raise forms.ValidationError(
                f"Only {self.people_count} {'person is' if self.people_count == 1 else 'people are'}"
                " on the inventory: say why (for example, the client names very few people)."
            )
        return reason

    def clean(self):
        data = super().clean()
        missing = self.people_count - self.with_details
        if missing > 0:
            self.add_error(
                None,
                f"{self.with_details} of {self.people_count} people have details recorded. "
                f"For each person record {DETAILS_RULE}; or take off the inventory anyone who "
                "does not belong on it.",
            )
        return data


class SnapshotForm(forms.Form):
    label = forms.CharField(max_length=80, help_text="For example: start, mid-course, end.")
    taken_on = ClinicalDateField(
        widget=DATE_INPUT,
        label="Date",
        future_message="A snapshot records the inventory as it is: not a future date.",
    )
