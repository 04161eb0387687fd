"""Spending and report forms: input shape only; services enforce the rules."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from charity.projects.forms import DATE, OwnIdsMixin
from charity.reports.models import (
    RECEIPT_KINDS,
    RECEIPT_MAX_BYTES,
    REPORT_ATTACHMENT_KINDS,
    REPORT_ATTACHMENT_MAX_BYTES,
    REPORT_MAX_ATTACHMENTS,
    validate_payee,
)
from communities.uploads import MultipleUploadField, UploadField


class ExpenditureForm(OwnIdsMixin, forms.Form):
    id_prefix = "spend"
    spent_on = forms.DateField(label=_("Date"), widget=DATE)
    amount = forms.DecimalField(
        label=_("Amount (yuan)"),
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
    )
    purpose = forms.CharField(label=_("Purpose"), max_length=300)
    payee = forms.CharField(
        label=_("Payee organisation"),
        max_length=200,
        help_text=_("An organisation's name; never a private person's details."),
        validators=[validate_payee],
    )
    receipt = UploadField(
        label=_("Receipt (image or PDF)"),
        kinds=RECEIPT_KINDS,
        max_bytes=RECEIPT_MAX_BYTES,
    )
    link_text = forms.CharField(
        label=_("Related resolution or activity"), max_length=300, required=False
    )
    over_balance_reason = forms.CharField(
        label=_("Reason for spending beyond the balance"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Needed only when spending more than the balance; shown publicly."),
    )


class ReportForm(forms.Form):
    due = forms.ChoiceField(label=_("Which report"))
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("Report"), widget=forms.Textarea(attrs={"rows": 8}))
    attachments = MultipleUploadField(
        label=_("Attachments (optional)"),
        kinds=REPORT_ATTACHMENT_KINDS,
        max_bytes=REPORT_ATTACHMENT_MAX_BYTES,
        required=False,
    )

    def __init__(self, *args: Any, dues: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [
            (
                due.key,
                _("%(label)s (due %(date)s)")
                % {"label": due.label, "date": due.due_on.isoformat()},
            )
            for due in dues
        ]
        choices.append(("update", _("An update (not a scheduled report)")))
        self.fields["due"].choices = choices

    def clean_attachments(self) -> list[Any]:
        files = self.cleaned_data.get("attachments") or []
        if len(files) > REPORT_MAX_ATTACHMENTS:
            raise forms.ValidationError(
                _("At most %(count)s attachments.") % {"count": REPORT_MAX_ATTACHMENTS}
            )
        return files
