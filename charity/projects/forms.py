"""Project forms: input shape only; services enforce the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from charity.projects.models import Project
from charity.projects.services import PROJECT_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OwnIdsMixin:
    """Several forms share the project management page: each gets its own element
    ids (labels must point at their own field), names stay as they are."""

    id_prefix = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = list(PROJECT_FIELDS)
        widgets = {"starts_on": DATE, "ends_on": DATE, "filed_on": DATE}


class FilingForm(OwnIdsMixin, forms.Form):
    id_prefix = "filing"
    filing_number = forms.CharField(label=_("Filing number"), max_length=100)
    filed_on = forms.DateField(label=_("Filed on"), widget=DATE)
