"""Forms of the district's spot checks."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assistance.oversight.models import SpotCheckItem


class DrawForm(forms.Form):
    month = forms.CharField(
        label=_("Month of the confirmations"),
        max_length=7,
        help_text=_("As year and month, for example 2026-09."),
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "2026-09"}),
    )

    def clean_month(self) -> datetime.date:
        raw = self.cleaned_data["month"].strip()
        try:
            month = datetime.datetime.strptime(raw, "%Y-%m").date()  # noqa: DTZ007
        except ValueError:
            raise forms.ValidationError(
                _("Enter a month as year and month, for example 2026-09.")
            ) from None
        if month > timezone.localdate().replace(day=1):
            raise forms.ValidationError(_("That month has not begun yet."))
        if month.year < 2000:
            raise forms.ValidationError(_("Enter a month from 2000 on."))
        return month


class ResultForm(forms.Form):
    result = forms.ChoiceField(
        label=_("Result"),
        choices=[
            (SpotCheckItem.Result.CORRECT, SpotCheckItem.Result.CORRECT.label),
            (SpotCheckItem.Result.PROBLEM, SpotCheckItem.Result.PROBLEM.label),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea
    )

    def clean(self) -> dict:
        data = super().clean()
        if (
            data.get("result") == SpotCheckItem.Result.PROBLEM
            and not data.get("note", "").strip()
        ):
            self.add_error("note", _("Describe the problem found."))
        return data
