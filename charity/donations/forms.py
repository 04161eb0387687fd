"""Donation forms: input shape only; services enforce the rules."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from charity.donations.models import Donation
from charity.projects.forms import OwnIdsMixin
from communities.forms import MAX_COUNT


class DonorNameForm(forms.Form):
    """A name to show, shown only when the donor ticks the box (and gives one)."""

    donor_name = forms.CharField(
        label=_("Name to show"),
        max_length=100,
        required=False,
        help_text=_("Shown only if you tick the box below."),
    )
    show_name = forms.BooleanField(label=_("Show my name publicly"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("show_name") and not (data.get("donor_name") or "").strip():
            self.add_error(
                "donor_name", _("Enter the name to show, or untick the box.")
            )
        return data


class PledgeForm(DonorNameForm):
    field_order = ["amount", "donor_name", "show_name"]
    amount = forms.DecimalField(
        label=_("Amount (yuan)"),
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
    )
    show_name = forms.BooleanField(
        label=_("Show my name on the public ledger"), required=False
    )


class OfflineDonationForm(OwnIdsMixin, forms.Form):
    id_prefix = "offline"
    kind = forms.ChoiceField(label=_("Kind"), choices=Donation.Kind.choices)
    donor_name = forms.CharField(
        label=_("Donor's name"), max_length=100, required=False
    )
    show_name = forms.BooleanField(
        label=_("The donor agreed to show their name"), required=False
    )
    amount = forms.DecimalField(
        label=_("Amount (yuan)"),
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
        required=False,
    )
    item = forms.CharField(label=_("Item"), max_length=200, required=False)
    quantity = forms.IntegerField(
        label=_("Quantity"), min_value=1, max_value=MAX_COUNT, required=False
    )
    estimated_value = forms.DecimalField(
        label=_("Estimated value (yuan)"),
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0"),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("kind") == Donation.Kind.MONEY and data.get("amount") is None:
            self.add_error("amount", _("Enter the amount of money received."))
        if data.get("kind") == Donation.Kind.GOODS:
            if not (data.get("item") or "").strip():
                self.add_error("item", _("Name the donated item."))
            if not data.get("quantity"):
                self.add_error("quantity", _("Enter a quantity above zero."))
            if data.get("estimated_value") is None:
                self.add_error(
                    "estimated_value", _("Enter the estimated value (zero or more).")
                )
        return data
