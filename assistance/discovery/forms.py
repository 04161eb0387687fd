"""The report form (anyone) and the visit form (the coordinator: the visit and
its outcome in one)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.phone import normalise_phone
from assistance.cases.models import Kind
from assistance.discovery.models import Capacity, Outcome, Urgency

PHONE_INPUT = forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})
SIGNED_IN_CAPACITIES = [c for c in Capacity.choices if c[0] != Capacity.ANONYMOUS]


def _phone(value: str) -> str:
    value = (value or "").strip()
    return normalise_phone(value) if value else ""


class ReportForm(forms.Form):
    place = forms.CharField(
        label=_("Where (building, unit, or how to find the household)"),
        max_length=300,
    )
    seen = forms.CharField(
        label=_("What you saw"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    urgency = forms.ChoiceField(
        label=_("How urgent is it?"),
        choices=Urgency.choices,
        initial=Urgency.NORMAL,
        widget=forms.RadioSelect,
    )
    capacity = forms.ChoiceField(
        label=_("You are reporting as"), choices=SIGNED_IN_CAPACITIES
    )
    phone = forms.CharField(
        label=_("Your phone number"),
        max_length=20,
        required=False,
        widget=PHONE_INPUT,
        help_text=_("Only the community's assistance coordinators see it."),
    )

    def __init__(self, *args: Any, signed_in: bool, from_shift: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.signed_in = signed_in
        if not signed_in:
            del self.fields["capacity"]
            self.fields["phone"].required = True
            self.fields["phone"].help_text = _(
                "Required: the coordinator may call you to find the household. "
                "Only the community's assistance coordinators see it."
            )
        elif from_shift:
            del self.fields["capacity"]

    def clean_phone(self) -> str:
        return _phone(self.cleaned_data.get("phone", ""))


class VisitForm(forms.Form):
    visited_at = forms.DateTimeField(
        label=_("Visited at"),
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
        ),
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note (what was found; required for no need and for a service)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    applicant_name = forms.CharField(
        label=_("Applicant's name (for an application)"),
        max_length=60,
        required=False,
    )
    applicant_phone = forms.CharField(
        label=_("Applicant's phone (for an application)"),
        max_length=20,
        required=False,
        widget=PHONE_INPUT,
    )
    kind = forms.ChoiceField(
        label=_("Type of assistance (for an application)"),
        choices=[("", "—"), *Kind.choices],
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial", {"visited_at": timezone.localtime().replace(second=0)}
        )
        super().__init__(*args, **kwargs)

    def clean_applicant_phone(self) -> str:
        return _phone(self.cleaned_data.get("applicant_phone", ""))
