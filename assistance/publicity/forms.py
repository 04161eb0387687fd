"""公示 forms: starting a notice, objecting to one, handling an objection."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from assistance.decisions.forms import AmountForm


class StartPublicityForm(AmountForm):
    """The proposed first month and (临时救助) amount shown on the notice."""


class ObjectionForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        required=False,
        max_length=60,
        help_text=_("Only the street's officers see who objected."),
    )
    phone = forms.CharField(label=_("Your phone"), required=False, max_length=20)
    text = forms.CharField(
        label=_("What is wrong with this notice"),
        min_length=10,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ObjectionNoteForm(forms.Form):
    note = forms.CharField(
        label=_("What was found"),
        min_length=10,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
