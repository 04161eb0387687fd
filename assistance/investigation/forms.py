"""Forms of the investigation: the home visit (the second visitor is chosen from
the case's assistance staff), its signature, the financial check, the
民主评议 and the street's review opinion."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from assistance.handling.forms import PanelForm
from assistance.investigation.models import FinancialCheck
from communities.forms import MAX_COUNT

DATE = forms.DateInput(attrs={"type": "date"})


class VisitForm(PanelForm):
    panel = "visit"

    second = forms.ModelChoiceField(
        label=_("Second visitor"),
        queryset=None,
        error_messages={
            "invalid_choice": _("Choose the second visitor from the list.")
        },
    )
    visited_on = forms.DateField(label=_("Visited on"), widget=DATE)
    findings = forms.CharField(
        label=_("Findings"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    by_district = forms.BooleanField(label=_("District-level visit"), required=False)

    def __init__(
        self, *args: Any, candidates: Any, district: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["second"].queryset = candidates
        self.fields["second"].label_from_instance = lambda u: u.public_name
        if not district:
            del self.fields["by_district"]


class SignForm(forms.Form):
    """Signing is a button; the visit comes from the URL."""


class CheckForm(PanelForm):
    panel = "check"
    reference = forms.CharField(label=_("Report number of the check"), max_length=60)
    result = forms.ChoiceField(label=_("Result"), choices=FinancialCheck.Result.choices)
    checked_on = forms.DateField(label=_("Checked on"), widget=DATE)
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AppraisalForm(PanelForm):
    panel = "appraisal"
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    panel_size = forms.IntegerField(
        label=_("Members of the panel"), min_value=1, max_value=MAX_COUNT
    )
    attended = forms.IntegerField(label=_("Attended"), min_value=0, max_value=MAX_COUNT)
    agreed = forms.IntegerField(label=_("Agreed"), min_value=0, max_value=MAX_COUNT)


class ReviewForm(PanelForm):
    panel = "review"
    recommends_approval = forms.TypedChoiceField(
        label=_("Opinion"),
        choices=[("yes", _("For approval")), ("no", _("Against approval"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    opinion = forms.CharField(
        label=_("Written opinion"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
