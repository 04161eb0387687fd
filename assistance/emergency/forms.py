"""Forms of emergency aid: granting 先行救助, declaring an emergency period and
ending one early. The services check the rules that need the database (limits,
times, streets); the forms check shapes and ranges."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from assistance.emergency.models import Cause
from communities.forms import MAX_ID, ModelMultipleIdField
from communities.models import Region

DATETIME = forms.DateTimeInput(
    attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
)
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class GrantForm(forms.Form):
    household = forms.TypedChoiceField(
        label=_("Household (if known)"), coerce=int, required=False, empty_value=None
    )
    beneficiary_name = forms.CharField(label=_("Who was helped"), max_length=60)
    household_size = forms.IntegerField(
        label=_("Household size"), min_value=1, max_value=30, initial=1
    )
    cause = forms.ChoiceField(label=_("Cause"), choices=Cause.choices)
    amount = forms.DecimalField(
        label=_("Amount given (yuan)"),
        min_value=Decimal("0.01"),
        max_digits=10,
        decimal_places=2,
    )
    note = forms.CharField(
        label=_("What happened"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    reported_at = forms.DateTimeField(
        label=_("First reported at"), widget=DATETIME, required=False
    )
    granted_at = forms.DateTimeField(
        label=_("Help given at"), widget=DATETIME, required=False
    )
    source_report = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1, max_value=MAX_ID
    )

    def __init__(self, *args: Any, households: list[tuple[int, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["household"].choices = [("", "—"), *households]


def prefill(query: Any, household_ids: set[int]) -> dict[str, Any]:
    """Initial values from the report page's redirect (`report`, `reported_at`,
    `household`); a malformed value is left out, never an error."""
    initial: dict[str, Any] = {"granted_at": timezone.localtime()}
    report = _positive_int(query.get("report"))
    if report is not None:
        initial["source_report"] = report
    household = _positive_int(query.get("household"))
    if household in household_ids:
        initial["household"] = household
    reported = _moment(query.get("reported_at"))
    if reported is not None and reported <= timezone.now():
        initial["reported_at"] = timezone.localtime(reported)
    return initial


def _positive_int(value: Any) -> int | None:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= MAX_ID else None


def _moment(value: Any) -> datetime.datetime | None:
    try:
        moment = parse_datetime(str(value or "").strip())
    except (TypeError, ValueError):
        return None
    if moment is None:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


class PeriodForm(forms.Form):
    name = forms.CharField(label=_("Name of the emergency"), max_length=100)
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("Ends on"), widget=DATE)
    streets = ModelMultipleIdField(
        label=_("Streets and towns (leave empty for the whole district)"),
        queryset=Region.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, district: Region, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["streets"].queryset = Region.objects.filter(
            parent=district
        ).order_by("name")


class EndPeriodForm(forms.Form):
    note = forms.CharField(label=_("Why it ends early"), max_length=200)
