"""Instalment forms: the schedule (rows of due date, amount, condition), the
release (a required tick and what was checked), skip and stop (a reason). Input
shape only; the services enforce the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from assistance.instalments.services import MAX_INSTALMENTS

TEXT = forms.Textarea(attrs={"rows": 2})
EXTRA_ROWS = 3


class ScheduleRowForm(forms.Form):
    due_on = forms.DateField(
        label=_("Due on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    amount = forms.DecimalField(
        label=_("Amount (yuan)"),
        required=False,
        max_digits=10,
        decimal_places=2,
        min_value=0.01,
    )
    condition = forms.CharField(
        label=_("Condition to check before release"), required=False, max_length=300
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        filled = [name for name in self.fields if data.get(name) not in (None, "")]
        if filled and len(filled) < len(self.fields) and not self.errors:
            raise forms.ValidationError(
                _(
                    "Fill in the due date, the amount and the condition, or leave the row empty."
                )
            )
        return data


RowFormSet = forms.formset_factory(
    ScheduleRowForm,
    extra=0,
    max_num=MAX_INSTALMENTS,
    validate_max=True,
    absolute_max=MAX_INSTALMENTS + 6,
)


class ScheduleForm(forms.Form):
    """The note on the change and, in `rows`, the instalments (blank rows skipped)."""

    note = forms.CharField(
        label=_("Why the schedule is set or changed (optional)"),
        required=False,
        max_length=500,
        widget=TEXT,
    )

    def __init__(self, data: Any = None, *, pending: list[Any] = (), **kwargs: Any):
        super().__init__(data, **kwargs)
        initial = [
            {"due_on": r.due_on, "amount": r.amount, "condition": r.condition}
            for r in pending
        ]
        initial += [{}] * EXTRA_ROWS
        self.rows = RowFormSet(data, initial=initial, prefix="rows")

    def full_clean(self) -> None:
        super().full_clean()
        if not self.is_bound:
            return
        if not self.rows.is_valid():
            self.add_error(None, _("Check the instalments marked below."))
            return
        self.cleaned_data["rows"] = [
            form.cleaned_data
            for form in self.rows.forms
            if form.cleaned_data and form.cleaned_data.get("due_on")
        ]


class ReleaseForm(forms.Form):
    condition_checked = forms.BooleanField(
        label=_("I checked the condition"),
        error_messages={"required": _("Tick to confirm the condition was checked.")},
    )
    check_note = forms.CharField(
        label=_("What was checked"),
        max_length=1000,
        widget=TEXT,
        error_messages={"required": _("Write what was checked.")},
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=TEXT,
        error_messages={"required": _("Give the reason.")},
    )
