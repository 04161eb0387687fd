"""Input shape for the disclosure pages; the rules live in governance.disclosures."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from communities import wording
from governance.disclosures.models import Cadence, Category

TEXTAREA = forms.Textarea(attrs={"rows": 4})


class CatalogueEntryForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=100)
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    cadence = forms.ChoiceField(label=_("Cadence"), choices=Cadence.choices)
    due_days = forms.IntegerField(
        label=_("Days allowed"),
        min_value=0,
        max_value=90,
        initial=10,
        help_text=_("Days after the period ends (or the matter arises)."),
    )
    is_juwu = forms.BooleanField(
        label=_("Community affairs (居务) item"), required=False
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(self, *args: Any, community: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["is_juwu"].label = _("%(affairs)s item") % {
            "affairs": wording.term(community, "affairs")
        }


class MatterForm(forms.Form):
    matter = forms.CharField(label=_("Matter"), max_length=200)
    occurred_on = forms.DateField(
        label=_("Arose on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class ObjectionForm(forms.Form):
    text = forms.CharField(
        label=_("Your question or objection"),
        min_length=5,
        max_length=2000,
        widget=TEXTAREA,
    )
    line_id = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Public answer"), min_length=5, max_length=2000, widget=TEXTAREA
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the answer does not satisfy you"),
        min_length=5,
        max_length=2000,
        widget=TEXTAREA,
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for returning"), max_length=2000, widget=TEXTAREA
    )
