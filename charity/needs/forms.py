"""Need forms: input shape only; services enforce the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from charity.donations.forms import DonorNameForm
from charity.needs.models import Need
from charity.needs.services import NEED_FIELDS
from communities.forms import MAX_COUNT

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class NeedForm(forms.ModelForm):
    class Meta:
        model = Need
        fields = list(NEED_FIELDS)
        widgets = {"needed_by": DATE, "description": forms.Textarea(attrs={"rows": 3})}


class NeedPledgeForm(DonorNameForm):
    field_order = ["quantity", "donor_name", "show_name", "beyond_need"]
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=MAX_COUNT)
    beyond_need = forms.BooleanField(
        label=_("I want to give more than is still missing"), required=False
    )
