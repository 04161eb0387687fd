"""Follow-up forms: a new item (its owner chosen among the case's staff) and
marking one done. Input shape only; the services enforce the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from assistance.followup.models import FollowUpKind
from assistance.followup.services import possible_owners


class OwnerField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class ItemForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=FollowUpKind.choices,
        error_messages={"required": _("Choose what kind of follow-up it is.")},
    )
    what = forms.CharField(
        label=_("What is to be done"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Write what is to be done.")},
    )
    owner = OwnerField(
        label=pgettext_lazy("follow-up", "Owner"),
        queryset=None,
        error_messages={
            "required": _("Choose who is responsible."),
            "invalid_choice": _("Choose a coordinator or officer of this case."),
        },
    )
    due_on = forms.DateField(
        label=_("Due on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Enter the due date.")},
    )

    def __init__(self, data: Any = None, *, case: Any, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["owner"].queryset = possible_owners(case)


class DoneForm(forms.Form):
    note = forms.CharField(
        label=_("What was done"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Write what was done.")},
    )
