"""The application form (one page, in sections) and the small forms around it:
starting an application, filing for a resident (代办), withdrawing, appealing,
the public status query.

Each section's rows are a formset with a few blank rows; a blank row is
ignored. The checks that depend on the whole application (exactly one
applicant, the required documents, expenses for 支出型) are in the service, so
a draft may be incomplete and a submission cannot be.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assistance.cases.models import (
    AttachmentKind,
    ExpenseKind,
    IncomeKind,
    Kind,
    PropertyKind,
    Relationship,
    TemporaryCause,
)
from communities.models import Community
from communities.uploads.fields import UploadField

ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENT_KINDS = {"pdf", "image"}
# The documents asked for on the form, in order; the first three are required
# at submission (assistance.applications.services.REQUIRED_DOCUMENTS).
UPLOAD_FIELDS = {
    "id_card": AttachmentKind.ID_CARD,
    "hukou": AttachmentKind.HOUSEHOLD_REGISTER,
    "authorisation": AttachmentKind.CHECK_AUTHORISATION,
    "proof": AttachmentKind.PROOF,
}
MAX_MONTHLY_INCOME = Decimal("1000000")
MAX_VALUE = Decimal("100000000")
PHONE_INPUT = forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})
PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 -]{5,18}[0-9]$")


def _amount(label: Any, maximum: Decimal) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        min_value=Decimal("0"),
        max_value=maximum,
        max_digits=12,
        decimal_places=2,
        error_messages={
            "min_value": _("An amount cannot be negative."),
            "max_value": _("This amount is too large; check the number."),
        },
    )


def clean_phone(value: str) -> str:
    value = (value or "").strip()
    if value and not PHONE_PATTERN.match(value):
        raise forms.ValidationError(
            _("Enter a phone number of digits (7 to 15)."), code="phone"
        )
    digits = "".join(ch for ch in value if ch.isdigit())
    if value and not 7 <= len(digits) <= 15:
        raise forms.ValidationError(
            _("Enter a phone number of digits (7 to 15)."), code="phone"
        )
    return value


class StartForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type of assistance"), choices=Kind.choices)
    temporary_cause = forms.ChoiceField(
        label=_("Cause (temporary assistance only)"),
        choices=[("", "—"), *TemporaryCause.choices],
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind, cause = data.get("kind"), data.get("temporary_cause")
        if kind == Kind.TEMPORARY and not cause:
            self.add_error(
                "temporary_cause",
                _("Choose the cause of the temporary assistance."),
            )
        if kind and kind != Kind.TEMPORARY:
            data["temporary_cause"] = ""
        return data


class ProxyForm(StartForm):
    """代办: whose application, filed by a coordinator or officer."""

    household = forms.TypedChoiceField(
        label=_("Household"), coerce=int, required=False, empty_value=None
    )
    account = forms.TypedChoiceField(
        label=_("The applicant's account (if they have one)"),
        coerce=int,
        required=False,
        empty_value=None,
    )
    applicant_name = forms.CharField(
        label=_("Applicant's name"), max_length=60, required=False
    )
    applicant_phone = forms.CharField(
        label=_("Applicant's phone"), max_length=20, required=False, widget=PHONE_INPUT
    )

    def __init__(self, *args: Any, households=(), accounts=(), **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["household"].choices = [("", "—"), *households]
        self.fields["account"].choices = [("", "—"), *accounts]

    def clean_applicant_phone(self) -> str:
        return clean_phone(self.cleaned_data.get("applicant_phone", ""))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("account") and not (data.get("applicant_name") or "").strip():
            self.add_error(
                "applicant_name",
                _("Choose the applicant's account or type their name."),
            )
        return data


class CommunityChoiceForm(forms.Form):
    """Step one of 代办: the household's community, anywhere in the city."""

    community = forms.ModelChoiceField(
        label=_("Community of the household"),
        queryset=Community.objects.order_by("name"),
        to_field_name="slug",
    )


class ApplicationForm(StartForm):
    """The application's own fields (sections "type", "reason and payment",
    "declarations", "documents")."""

    applicant_name = forms.CharField(label=_("Applicant's name"), max_length=60)
    applicant_phone = forms.CharField(
        label=_("Phone number"), max_length=20, required=False, widget=PHONE_INPUT
    )
    reason = forms.CharField(
        label=_("Why you apply"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,
    )
    bank_account = forms.CharField(
        label=_("Bank account for payments"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    relative_registered = forms.BooleanField(
        label=_(
            "Someone in the household is a close relative of a committee member, "
            "an assistance coordinator or assistance staff"
        ),
        required=False,
    )
    relative_note = forms.CharField(
        label=_("Whose relative (name and post)"), max_length=200, required=False
    )
    commitment_accepted = forms.BooleanField(
        label=_("I have read the commitment and sign it"), required=False
    )
    commitment_name = forms.CharField(
        label=_("Your name as signature"), max_length=60, required=False
    )
    id_card = UploadField(
        label=_("ID card"), kinds=ATTACHMENT_KINDS, max_bytes=ATTACHMENT_MAX_BYTES,
        required=False,
    )  # fmt: skip
    hukou = UploadField(
        label=_("Household register (户口簿) or residence permit"),
        kinds=ATTACHMENT_KINDS,
        max_bytes=ATTACHMENT_MAX_BYTES,
        required=False,
    )
    authorisation = UploadField(
        label=_("Signed authorisation for the financial check (核对授权书)"),
        kinds=ATTACHMENT_KINDS,
        max_bytes=ATTACHMENT_MAX_BYTES,
        required=False,
    )
    proof = UploadField(
        label=_("Other proof (only what data-sharing cannot provide)"),
        kinds=ATTACHMENT_KINDS,
        max_bytes=ATTACHMENT_MAX_BYTES,
        required=False,
    )

    def clean_applicant_phone(self) -> str:
        return clean_phone(self.cleaned_data.get("applicant_phone", ""))

    def clean_bank_account(self) -> str:
        value = (self.cleaned_data.get("bank_account") or "").replace(" ", "")
        if value and not (value.isdigit() and 12 <= len(value) <= 30):
            raise forms.ValidationError(
                _("A bank account number has 12 to 30 digits."), code="bank"
            )
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("relative_registered") and not (data.get("relative_note") or ""):
            self.add_error(
                "relative_note", _("Say whose relative (name and post) they are.")
            )
        if not data.get("relative_registered"):
            data["relative_note"] = ""
        return data

    def uploads(self) -> dict[str, Any]:
        """The uploaded files by attachment kind."""
        return {
            kind: self.cleaned_data[name]
            for name, kind in UPLOAD_FIELDS.items()
            if self.cleaned_data.get(name)
        }


class RowForm(forms.Form):
    """A row of a section; a row left blank is skipped."""

    def is_blank(self) -> bool:
        return not self.has_changed()


class MemberForm(RowForm):
    name = forms.CharField(label=_("Name"), max_length=60)
    relationship = forms.ChoiceField(
        label=_("Relationship to the applicant"),
        choices=[("", "—"), *Relationship.choices],
    )
    birth_year = forms.IntegerField(
        label=_("Year of birth"), required=False, min_value=1900
    )
    employment = forms.CharField(
        label=_("Work or study"), max_length=60, required=False
    )
    able_to_work = forms.BooleanField(label=_("Able to work"), required=False)
    account = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_birth_year(self) -> int | None:
        year = self.cleaned_data.get("birth_year")
        if year is not None and year > timezone.localdate().year:
            raise forms.ValidationError(_("A year of birth cannot be in the future."))
        return year


class IncomeForm(RowForm):
    member = forms.TypedChoiceField(
        label=_("Whose income"), coerce=int, required=False, empty_value=None
    )
    kind = forms.ChoiceField(
        label=_("Kind of income"), choices=[("", "—"), *IncomeKind.choices]
    )
    monthly_amount = _amount(_("Yuan per month"), MAX_MONTHLY_INCOME)

    def __init__(self, *args: Any, members=(), **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [("", _("the household")), *members]


class PropertyForm(RowForm):
    kind = forms.ChoiceField(
        label=_("Kind of property"), choices=[("", "—"), *PropertyKind.choices]
    )
    description = forms.CharField(
        label=_("Description"), max_length=200, required=False
    )
    value = _amount(_("Value (yuan)"), MAX_VALUE)


class ExpenseForm(RowForm):
    kind = forms.ChoiceField(
        label=_("Kind of expense"), choices=[("", "—"), *ExpenseKind.choices]
    )
    description = forms.CharField(
        label=_("Description"), max_length=200, required=False
    )
    amount = _amount(_("Amount (yuan)"), MAX_VALUE)


class ReasonForm(forms.Form):
    """Withdrawing or appealing: a reason in the person's words."""

    reason = forms.CharField(
        label=_("Your reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        min_length=5,
        max_length=2000,
    )


class StatusQueryForm(forms.Form):
    tracking_number = forms.CharField(label=_("Tracking number"), max_length=20)
    phone = forms.CharField(
        label=_("The applicant's phone number"), max_length=20, widget=PHONE_INPUT
    )

    def clean_tracking_number(self) -> str:
        return self.cleaned_data["tracking_number"].strip().upper()

    def clean_phone(self) -> str:
        return clean_phone(self.cleaned_data["phone"])
