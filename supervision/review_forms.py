"""Forms of the supervisor's note review and comments. Each carries what it was loaded with."""

from django import forms


class CosignForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ReturnForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    comment = forms.CharField(
        label="What needs revising",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The trainee sees this at the top of the note when they open it to revise.",
        error_messages={"required": "Say what needs revising before you return the note."},
    )


class CommentForm(forms.Form):
    text = forms.CharField(
        label="Your comment",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The therapist sees it beside the note. It does not change the note.",
        error_messages={"required": "Write the comment before adding it."},
    )


class FormulationCommentForm(CommentForm):
    number = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    text = forms.CharField(
        label="Your comment",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The therapist sees it beside this version of the formulation.",
        error_messages={"required": "Write the comment before adding it."},
    )
