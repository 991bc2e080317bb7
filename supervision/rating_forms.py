"""The supervisor's rating form: one group of five levels per rubric domain, a date, comments."""

from django import forms
from django.utils import timezone

from cases.clinical_dates import ClinicalDateField
from cases.form_layout import DateInput
from supervision.rubric import DOMAINS, LEVEL_NAMES, Domain

NOT_YET = "not_yet"


def score_field_name(domain: Domain) -> str:
    return f"score_{domain.key}"


class RatingForm(forms.Form):
    """Fields ``score_<domain>`` (1-5, labelled with each level's descriptor), then date and
    comments. Every group needs an answer; a domain the course may not have reached yet
    (``may_wait``) also offers "not rated", chosen in advance while the course is before it."""

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, **kwargs)
        self.course = course
        for domain in DOMAINS:
            choices = [(str(level), text) for level, _, text in domain.levels]
            if domain.may_wait:
                choices.append((NOT_YET, "Not rated: the course has not reached this yet."))
            self.fields[score_field_name(domain)] = forms.ChoiceField(
                label=domain.label,
                help_text=domain.description,
                choices=choices,
                # Suggest waiting only while the course has not reached the domain's phase.
                initial=NOT_YET if domain.may_wait and self._before_termination() else None,
                widget=forms.RadioSelect,
                error_messages={"required": f"Choose a level for “{domain.label}”."},
            )
        self.fields["reviewed_on"] = ClinicalDateField(
            label="Review date",
            born=self.course.client.date_of_birth,
            future_message="The review date cannot be in the future.",
            initial=timezone.localdate,
            widget=DateInput(),
            help_text="One rating per course per date; rate again on a later date to show change.",
            error_messages={"required": "Give the date of this review."},
        )
        self.fields["comments"] = forms.CharField(
            label="Comments for the therapist",
            required=False,
            widget=forms.Textarea(attrs={"rows": 5}),
            help_text="What went well, and what to work on next. The therapist reads this.",
        )

    def _before_termination(self) -> bool:
        return self.course.is_open and self.course.phase != "termination"

    def domain_groups(self) -> list[dict]:
        """One radio group per domain: the domain, its bound field, and each radio with the
        level it stands for (``None`` for "not rated")."""
        groups = []
        for domain in DOMAINS:
            field = self[score_field_name(domain)]
            options = []
            for radio in field.subwidgets:
                value = radio.data["value"]
                level = int(value) if value != NOT_YET else None
                options.append({"radio": radio, "level": level, "name": LEVEL_NAMES.get(level, "")})
            groups.append({"domain": domain, "field": field, "options": options})
        return groups

    def clean_reviewed_on(self):
        day = self.cleaned_data["reviewed_on"]
        if day < self.course.start_date:
            raise forms.ValidationError(
                f"The course started on {self.course.start_date:%d %b %Y}: "
                "the review date cannot be earlier."
            )
        return day

    def scores(self) -> dict[str, int]:
        """The levels chosen, as ``{domain key: level}``; unrated domains left out."""
        chosen = {}
        for domain in DOMAINS:
            value = self.cleaned_data.get(score_field_name(domain))
            if value and value != NOT_YET:
                chosen[domain.key] = int(value)
        return chosen
