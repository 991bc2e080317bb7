from django import forms
from django.contrib.auth import get_user_model


class AuditFilterForm(forms.Form):
    user = forms.ModelChoiceField(
        queryset=get_user_model().objects.all(), required=False, empty_label="Anyone", label="Who"
    )
    action = forms.CharField(
        required=False,
        max_length=40,
        label="Action",
        help_text='For example "view", "session.sign" or "auth." for every sign-in event.',
    )
    client = forms.CharField(required=False, max_length=40, label="Client record number")
    date_from = forms.DateField(
        required=False, label="From", widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        required=False, label="To", widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end date is before the start date.")
        return data
