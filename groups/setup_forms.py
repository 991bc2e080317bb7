"""Forms to start a group and to add a member; the group rules stay in groups.services."""

import datetime

from django import forms
from django.db.models import Exists, OuterRef
from django.utils import timezone

from accounts.models import User
from cases.models import Client, Course
from cases.models.courses import CourseStatus
from groups.models import MAX_MEMBERS, MIN_MEMBERS


def may_lead(user) -> bool:
    """Who starts a group: a therapist (trainees included) or a non-specialist facilitator."""
    return user.is_active and (user.is_therapist or user.is_facilitator)


def candidate_clients(lead):
    """The lead's own clients who could join: not archived, with no active course."""
    active = Course.objects.filter(client=OuterRef("pk"), status=CourseStatus.ACTIVE)
    return (
        Client.objects.visible_to(lead)
        .active()
        .filter(~Exists(active))
        .order_by("family_name", "given_name", "pk")
    )


def co_facilitator_choices(lead):
    """Anyone else who may facilitate: therapists and non-specialist facilitators."""
    return (
        User.objects.filter(is_active=True, role__in=[User.Role.THERAPIST, User.Role.FACILITATOR])
        .exclude(pk=lead.pk)
        .order_by("first_name", "last_name", "username")
    )


def client_label(obj) -> str:
    return f"{obj.display_name} ({obj.record_number})"


class ClientChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return client_label(obj)


class OneClientField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return client_label(obj)


class FacilitatorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        if obj.is_facilitator:
            return f"{obj.display_name} (non-specialist facilitator)"
        return obj.display_name


class StartGroupForm(forms.Form):
    name = forms.CharField(
        label="Group name",
        max_length=100,
        help_text="How the team refers to the group, for example the day and time.",
    )
    co_facilitator = FacilitatorChoiceField(
        label="Co-facilitator",
        queryset=User.objects.none(),
        required=False,
        empty_label="No co-facilitator",
    )
    first_session_on = forms.DateField(
        label="Date of the first group session",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Each member's pre-group meeting is booked for the week before.",
    )
    session_time = forms.TimeField(
        label="Time of the sessions", widget=forms.TimeInput(attrs={"type": "time"})
    )
    clients = ClientChoiceField(
        label="Members",
        queryset=Client.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=f"Choose {MIN_MEMBERS} to {MAX_MEMBERS} of your clients. Only clients with "
        "no active course are listed; each member gets their own group course.",
        error_messages={"required": f"Choose {MIN_MEMBERS} to {MAX_MEMBERS} members."},
    )

    def __init__(self, lead, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["co_facilitator"].queryset = co_facilitator_choices(lead)
        self.fields["clients"].queryset = candidate_clients(lead)

    def clean_first_session_on(self) -> datetime.date:
        day = self.cleaned_data["first_session_on"]
        if day < timezone.localdate():
            raise forms.ValidationError("The first session cannot be in the past.")
        return day


class AddMemberForm(forms.Form):
    client = OneClientField(
        label="Client to add",
        queryset=Client.objects.none(),
        empty_label="Choose a client",
        help_text="Your clients with no active course.",
    )

    def __init__(self, lead, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = candidate_clients(lead)
