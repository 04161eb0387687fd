"""Input shapes for check-in, hours, certificates and the time bank."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class HoursForm(forms.Form):
    """Adjust a pending record, or correct a confirmed one: new hours and a reason."""

    hours = forms.DecimalField(
        label=_("Hours"),
        min_value=Decimal(0),
        max_value=Decimal(24),
        max_digits=5,
        decimal_places=2,
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CertificateRequestForm(forms.Form):
    period_start = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"})
    )
    period_end = forms.DateField(
        label=_("Until"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The end must not be before the start."))
        return data


class TransferForm(forms.Form):
    recipient = forms.TypedChoiceField(label=_("Family member"), coerce=int)
    amount = forms.DecimalField(
        label=_("Credits"),
        min_value=Decimal("0.01"),
        max_digits=8,
        decimal_places=2,
    )

    def __init__(self, *args: Any, recipients: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.recipients = {u.pk: u for u in recipients}
        self.fields["recipient"].choices = [(u.pk, u.public_name) for u in recipients]

    def clean_recipient(self) -> Any:
        return self.recipients[self.cleaned_data["recipient"]]
