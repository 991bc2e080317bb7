"""The client's diary forms: plain words, a label on every field."""

import datetime

from django import forms
from django.utils import timezone

from client_area.diary_models import DiaryEntry, DiaryPerson
from inventory.models import Person


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return obj.name.split()[0] if obj.name.strip() else "Someone"


class DiaryEntryForm(forms.ModelForm):
    happened_on = forms.DateField(
        label="When did it happen?",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    person = PersonChoice(
        queryset=Person.objects.none(),
        required=False,
        label="Who was it with?",
        empty_label="Someone else",
    )

    class Meta:
        model = DiaryEntry
        fields = [
            "happened_on",
            "person",
            "who",
            "what_happened",
            "felt",
            "said",
            "wish_said",
            "mood",
        ]
        labels = {
            "who": "Or write their name",
            "what_happened": "What happened?",
            "felt": "What did you feel?",
            "said": "What did you say, or not say?",
            "wish_said": "What do you wish you had said?",
            "mood": "How was your mood? (0 = very low, 10 = very good)",
        }
        widgets = {
            "what_happened": forms.Textarea(attrs={"rows": 3}),
            "felt": forms.Textarea(attrs={"rows": 2}),
            "said": forms.Textarea(attrs={"rows": 2}),
            "wish_said": forms.Textarea(attrs={"rows": 2}),
            "mood": forms.NumberInput(attrs={"min": 0, "max": 10, "inputmode": "numeric"}),
        }

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, **kwargs)
        shared = DiaryPerson.objects.filter(course=course).shared().values("person_id")
        people = Person.objects.filter(course=course, pk__in=shared).order_by("name")
        self.fields["person"].queryset = people
        if not people.exists():
            del self.fields["person"]
            self.fields["who"].label = "Who was it with?"
        if not self.is_bound and "happened_on" not in self.initial:
            self.initial["happened_on"] = timezone.localdate()

    def clean_happened_on(self) -> datetime.date:
        day = self.cleaned_data["happened_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(
                "That date is in the future. Please choose today or before."
            )
        return day

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("person") and not (cleaned.get("who") or "").strip():
            self.add_error("who", "Please say who it was with (a first name is enough).")
        return cleaned


class TaskCheckForm(forms.Form):
    tried = forms.TypedChoiceField(
        label="Did you try it?",
        choices=[("yes", "I tried it"), ("no", "Not yet")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    how_it_went = forms.CharField(label="How did it go? (one line)", max_length=300, required=False)


class ShareForm(forms.Form):
    """The therapist's choice of inventory people offered in the client's diary."""

    people = forms.ModelMultipleChoiceField(
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="People the client can pick in their diary (shown by first name only)",
    )

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = Person.objects.filter(course=course).order_by("name")
