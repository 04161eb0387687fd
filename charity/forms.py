"""Charity forms. They validate input only; services enforce the rules and save."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from charity.models import (
    RECEIPT_KINDS,
    RECEIPT_MAX_BYTES,
    REPORT_ATTACHMENT_KINDS,
    REPORT_ATTACHMENT_MAX_BYTES,
    REPORT_MAX_ATTACHMENTS,
    Donation,
    Need,
    Organisation,
    Project,
    validate_payee,
)
from communities.models import Role, RoleGrant
from communities.uploads import UploadField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ManagerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.display_name or obj.email


class OwnIdsMixin:
    """Several forms share the project management page: each gets its own element
    ids (labels must point at their own field), names stay as they are."""

    id_prefix = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


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
        holders = (
            RoleGrant.objects.active()
            .filter(role=Role.CHARITY_MANAGER, community=community)
            .values("user_id")
        )
        self.fields["managers"].queryset = get_user_model().objects.filter(
            pk__in=holders
        )
        if self.instance.pk:
            self.initial["managers"] = list(self.instance.managers.all())

    def clean_credit_code(self) -> str:
        return self.cleaned_data["credit_code"].strip().upper()


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = [
            "title",
            "purpose",
            "beneficiaries",
            "area",
            "paired_region",
            "starts_on",
            "ends_on",
            "goal_amount",
            "responsible_person",
            "receiving_account",
            "use_plan",
            "leftover_plan",
            "resolution_reference",
            "is_public_fundraising",
            "filing_number",
            "filed_on",
            "emergency_reason",
        ]
        widgets = {"starts_on": DATE, "ends_on": DATE, "filed_on": DATE}


class FilingForm(OwnIdsMixin, forms.Form):
    id_prefix = "filing"
    filing_number = forms.CharField(label=_("Filing number"), max_length=100)
    filed_on = forms.DateField(label=_("Filed on"), widget=DATE)


class PledgeForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount (yuan)"),
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
    )
    donor_name = forms.CharField(
        label=_("Name to show"),
        max_length=100,
        required=False,
        help_text=_("Shown only if you tick the box below."),
    )
    show_name = forms.BooleanField(
        label=_("Show my name on the public ledger"), required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("show_name") and not (data.get("donor_name") or "").strip():
            self.add_error(
                "donor_name", _("Enter the name to show, or untick the box.")
            )
        return data


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
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, required=False)
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


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleUploadField(UploadField):
    """Several files in one input, each checked like any other upload."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


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


class NeedForm(forms.ModelForm):
    class Meta:
        model = Need
        fields = [
            "item",
            "description",
            "quantity",
            "unit",
            "needed_by",
            "volunteer_activity",
        ]
        widgets = {"needed_by": DATE, "description": forms.Textarea(attrs={"rows": 3})}


class NeedPledgeForm(forms.Form):
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1)
    donor_name = forms.CharField(
        label=_("Name to show"),
        max_length=100,
        required=False,
        help_text=_("Shown only if you tick the box below."),
    )
    show_name = forms.BooleanField(label=_("Show my name publicly"), required=False)
    beyond_need = forms.BooleanField(
        label=_("I want to give more than is still missing"), required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("show_name") and not (data.get("donor_name") or "").strip():
            self.add_error(
                "donor_name", _("Enter the name to show, or untick the box.")
            )
        return data
