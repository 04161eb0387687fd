"""The organisation form: input shape only; the service checks the managers."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from charity.organisations.models import Organisation
from charity.organisations.selectors import charity_managers
from communities.forms import ModelMultipleIdField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ManagerChoiceField(ModelMultipleIdField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.display_name or obj.email


class OrganisationForm(forms.ModelForm):
    managers = ManagerChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Managers"),
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "credit_code",
            "qualification_number",
            "qualification_valid_from",
            "qualification_valid_to",
            "contact_person",
            "contact_phone",
            "contact_email",
            "address",
        ]
        widgets = {
            "qualification_valid_from": DATE,
            "qualification_valid_to": DATE,
        }

    def __init__(self, *args: Any, community: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.community = community
        self.fields["managers"].queryset = charity_managers(community)
        if self.instance.pk:
            self.initial["managers"] = list(self.instance.managers.all())

    def clean_credit_code(self) -> str:
        return self.cleaned_data["credit_code"].strip().upper()
