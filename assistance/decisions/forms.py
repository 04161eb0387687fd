"""Decision forms: input shape only (the services enforce the rules)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assistance.decisions.models import DistrictException, RefusalCategory
from assistance.decisions.services import GRANTABLE

TEXT = forms.Textarea(attrs={"rows": 4})


class MonthField(forms.CharField):
    """A month as YYYY-MM (an <input type=month>), cleaned to its first day."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "2027-01"})

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        year, _sep, number = value.strip().partition("-")
        try:
            if len(year) != 4 or len(number) != 2:
                raise ValueError(value)
            month = datetime.date(int(year), int(number), 1)
        except ValueError:
            raise forms.ValidationError(
                _("Enter a month as YYYY-MM, for example 2027-01.")
            ) from None
        today = timezone.localdate().replace(day=1)
        if not (
            today - datetime.timedelta(days=366)
            <= month
            <= today + datetime.timedelta(days=200)
        ):
            raise forms.ValidationError(
                _(
                    "The first month must be within a year before and six months after now."
                )
            )
        return month


def next_month() -> str:
    today = timezone.localdate()
    first = (today.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return f"{first:%Y-%m}"


class AmountForm(forms.Form):
    """The first month and, for 临时救助, the amount."""

    start_month = MonthField(label=_("First month"), max_length=7)
    amount = forms.DecimalField(
        label=_("Amount of temporary assistance (yuan)"),
        required=False,
        min_value=Decimal("0.01"),
        max_value=Decimal("99999999"),
        max_digits=10,
        decimal_places=2,
        help_text=_("Only for temporary assistance; other amounts are calculated."),
    )


class RefusalForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Main reason"), choices=[("", "—"), *RefusalCategory.choices]
    )
    reasons = forms.CharField(
        label=_("Written reasons (the applicant reads them)"),
        min_length=10,
        max_length=4000,
        widget=TEXT,
    )


class AppealAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("The district's answer"), min_length=10, max_length=4000, widget=TEXT
    )


class ExceptionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Exception"),
        choices=[
            ("", "—"),
            *[(k, DistrictException.Kind(k).label) for k in GRANTABLE],
        ],
    )
    reason = forms.CharField(
        label=_("Reason"), min_length=10, max_length=4000, widget=TEXT
    )
