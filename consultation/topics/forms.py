"""Forms of the topic pages: a new topic, a reason, a note."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class TopicForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Public reason"), widget=forms.Textarea, required=False
    )


class NoteForm(forms.Form):
    """The text a step records: the opinion, the feedback or a note."""

    text = forms.CharField(label=_("Text"), widget=forms.Textarea, required=False)
