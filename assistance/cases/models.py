"""The case file (救助案卷): one household's application, its members, income,
property and large expenses, attachments, the one request for missing items, the
history of steps (`CaseEvent`) and the log of every read (`CaseRead`).

Sensitive fields (ID numbers, income, property, health, disability, bank account,
reasons) are encrypted at rest (`accounts.crypto`). State changes go only through
`assistance.cases.workflow.transition`, which checks the allowed steps.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.crypto import EncryptedDecimalField, EncryptedTextField
from communities.models import Community, Household

# Tracking numbers: no 0/O or 1/I, so they can be read out over the phone.
_TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_tracking_number() -> str:
    """JZ-2026-7F3K9Q: the year and six unguessable characters."""
    tail = "".join(secrets.choice(_TRACKING_ALPHABET) for _ in range(6))
    return f"JZ-{timezone.localdate().year}-{tail}"


def private_storage():
    return storages["private"]


class Kind(models.TextChoices):
    MINIMUM_LIVING = "dibao", _("minimum living allowance (低保)")
    SPECIAL_HARDSHIP = "tekun", _("support for people in extreme poverty (特困供养)")
    LOW_INCOME = "low_income", _("low-income household recognition (低收入家庭认定)")
    TEMPORARY = "temporary", _("temporary assistance (临时救助)")


class TemporaryCause(models.TextChoices):
    EMERGENCY = "emergency", _("emergency (急难型)")
    EXPENSE = "expense", _("expense-driven (支出型)")


class State(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    RETURNED = "returned", _("waiting for missing items")
    ACCEPTED = "accepted", _("accepted")
    INVESTIGATED = "investigated", _("investigated")
    APPRAISED = "appraised", _("community appraisal held")
    REVIEWED = "reviewed", _("reviewed by the street")
    PUBLICITY = "publicity", _("public notice (公示)")
    CONFIRMED = "confirmed", _("confirmed")
    REFUSED = "refused", _("refused")
    APPEALED = "appealed", _("appeal with the district")
    WITHDRAWN = "withdrawn", _("withdrawn")
    STOPPED = "stopped", _("assistance stopped")


OPEN_STATES = (
    State.SUBMITTED,
    State.RETURNED,
    State.ACCEPTED,
    State.INVESTIGATED,
    State.APPRAISED,
    State.REVIEWED,
    State.PUBLICITY,
    State.APPEALED,
)
CLOSED_STATES = (State.CONFIRMED, State.REFUSED, State.WITHDRAWN, State.STOPPED)


class Case(models.Model):
    """One household's application and everything decided on it."""

    tracking_number = models.CharField(
        _("tracking number"),
        max_length=20,
        unique=True,
        default=new_tracking_number,
        editable=False,
    )
    community = models.ForeignKey(
        Community,
        on_delete=models.PROTECT,
        related_name="assistance_cases",
        verbose_name=_("community"),
    )
    household = models.ForeignKey(
        Household,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assistance_cases",
        verbose_name=_("household"),
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assistance_cases",
        verbose_name=_("applicant's account"),
    )
    applicant_name = models.CharField(_("applicant's name"), max_length=60)
    applicant_phone = EncryptedTextField(_("applicant's phone"), blank=True)
    # A keyed hash of the phone number, so the public status query can match it
    # without decrypting every case (assistance.cases.selectors.phone_digest).
    phone_digest = models.CharField(max_length=64, blank=True, editable=False)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("filed by"),
    )
    filed_by_proxy = models.BooleanField(
        _("filed on the applicant's behalf (代办)"), default=False
    )
    service_point = models.CharField(
        _("service point where it was filed"), max_length=100, blank=True
    )
    kind = models.CharField(_("assistance type"), max_length=12, choices=Kind.choices)
    temporary_cause = models.CharField(
        _("cause of temporary assistance"),
        max_length=10,
        choices=TemporaryCause.choices,
        blank=True,
    )
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.DRAFT
    )
    reason = EncryptedTextField(_("reason for applying"), blank=True)
    bank_account = EncryptedTextField(_("bank account for payments"), blank=True)
    commitment_signed_at = models.DateTimeField(
        _("commitment (承诺书) signed at"), null=True, blank=True
    )
    commitment_name = models.CharField(
        _("commitment signed by"), max_length=60, blank=True
    )
    # Close relative of a committee member, coordinator or assistance staff
    # (近亲属备案): a district home visit is needed before confirmation.
    relative_registered = models.BooleanField(
        _("close relative of staff (备案)"), default=False
    )
    relative_note = models.CharField(_("whose relative"), max_length=200, blank=True)

    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    decision_due = models.DateField(_("decision due"), null=True, blank=True)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # Confirmation
    monthly_amount = models.DecimalField(
        _("amount (yuan per month, or once for 临时救助)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
    )
    start_month = models.DateField(_("first month"), null=True, blank=True)
    amount_calculation = models.TextField(
        _("how the amount was calculated"), blank=True
    )
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("assistance case")
        verbose_name_plural = _("assistance cases")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["community", "state"]),
            models.Index(fields=["state", "decision_due"]),
            models.Index(fields=["phone_digest"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="temporary") | Q(temporary_cause=""),
                name="assistance_case_cause_only_for_temporary",
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_number

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def household_size(self) -> int:
        return self.members.count()


class Relationship(models.TextChoices):
    SELF = "self", _("applicant")
    SPOUSE = "spouse", _("spouse")
    CHILD = "child", _("child")
    PARENT = "parent", _("parent")
    GRANDCHILD = "grandchild", _("grandchild")
    GRANDPARENT = "grandparent", _("grandparent")
    SIBLING = "sibling", _("brother or sister")
    OTHER = "other", _("other co-resident relative")


class HouseholdMember(models.Model):
    """A member of the applying household, with the relationship to the applicant."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="members", verbose_name=_("case")
    )
    name = models.CharField(_("name"), max_length=60)
    relationship = models.CharField(
        _("relationship to the applicant"), max_length=12, choices=Relationship.choices
    )
    id_number = EncryptedTextField(_("ID number"), blank=True)
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"), null=True, blank=True
    )
    health = EncryptedTextField(_("illness (if any)"), blank=True)
    disability = EncryptedTextField(_("disability (if any)"), blank=True)
    employment = models.CharField(_("work or study"), max_length=60, blank=True)
    # A 低保 household with a member able to work is reviewed more often
    # (AssistanceSettings.review_months_able_to_work).
    able_to_work = models.BooleanField(_("able to work"), default=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("account"),
    )

    class Meta:
        verbose_name = _("household member")
        verbose_name_plural = _("household members")
        ordering = ["case", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(relationship="self"),
                name="assistance_member_one_applicant",
                violation_error_message=_("Only one member can be the applicant."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class IncomeKind(models.TextChoices):
    WAGES = "wages", _("wages")
    BUSINESS = "business", _("business or farming")
    PROPERTY = "property", _("rent or interest")
    TRANSFER = "transfer", _("pensions and transfers")
    SUPPORT = "support", _("support from relatives (赡养费/抚养费)")
    OTHER = "other", _("other income")


class IncomeItem(models.Model):
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="incomes", verbose_name=_("case")
    )
    member = models.ForeignKey(
        HouseholdMember,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="incomes",
        verbose_name=_("member"),
    )
    kind = models.CharField(
        _("kind of income"), max_length=10, choices=IncomeKind.choices
    )
    monthly_amount = EncryptedDecimalField(_("yuan per month"))

    class Meta:
        verbose_name = _("income")
        verbose_name_plural = _("incomes")
        ordering = ["case", "pk"]

    def __str__(self) -> str:
        return f"{self.case} · {self.get_kind_display()}"


class PropertyKind(models.TextChoices):
    HOUSING = "housing", _("housing")
    VEHICLE = "vehicle", _("vehicle")
    DEPOSIT = "deposit", _("deposits and securities")
    OTHER = "other", _("other property")


class PropertyItem(models.Model):
    case = models.ForeignKey(
        Case,
        on_delete=models.CASCADE,
        related_name="properties",
        verbose_name=_("case"),
    )
    kind = models.CharField(
        _("kind of property"), max_length=10, choices=PropertyKind.choices
    )
    description = EncryptedTextField(_("description"), blank=True)
    value = EncryptedDecimalField(_("value (yuan)"))

    class Meta:
        verbose_name = _("property")
        verbose_name_plural = _("property")
        ordering = ["case", "pk"]

    def __str__(self) -> str:
        return f"{self.case} · {self.get_kind_display()}"


class ExpenseKind(models.TextChoices):
    MEDICAL = "medical", _("medical")
    EDUCATION = "education", _("education")
    OTHER = "other", _("other necessary expense")


class ExpenseItem(models.Model):
    """A large necessary expense (支出型 临时救助)."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="expenses", verbose_name=_("case")
    )
    kind = models.CharField(
        _("kind of expense"), max_length=10, choices=ExpenseKind.choices
    )
    description = EncryptedTextField(_("description"), blank=True)
    amount = EncryptedDecimalField(_("amount (yuan)"))

    class Meta:
        verbose_name = _("expense")
        verbose_name_plural = _("expenses")
        ordering = ["case", "pk"]

    def __str__(self) -> str:
        return f"{self.case} · {self.get_kind_display()}"


class AttachmentKind(models.TextChoices):
    ID_CARD = "id_card", _("ID card")
    HOUSEHOLD_REGISTER = "hukou", _("household register (户口簿) or residence permit")
    CHECK_AUTHORISATION = (
        "authorisation",
        _("signed authorisation for the financial check (核对授权书)"),
    )
    PROOF = "proof", _("other proof (only what data-sharing cannot provide)")
    VISIT_RECORD = "visit", _("home visit record")
    OTHER = "other", _("other document")


class Attachment(models.Model):
    """A private document of the case; served only through a checked, logged view."""

    case = models.ForeignKey(
        Case,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("case"),
    )
    kind = models.CharField(
        _("document"), max_length=14, choices=AttachmentKind.choices
    )
    file = models.FileField(
        _("file"), upload_to="assistance/%Y/%m/", storage=private_storage
    )
    original_name = models.CharField(_("file name"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["case", "uploaded_at"]

    def __str__(self) -> str:
        return self.original_name or self.get_kind_display()


class MissingItemsRequest(models.Model):
    """Everything missing, asked for once and all together (一次性告知)."""

    case = models.OneToOneField(
        Case,
        on_delete=models.CASCADE,
        related_name="missing_items",
        verbose_name=_("case"),
    )
    items = models.JSONField(_("missing items"), default=list)
    note = models.TextField(_("note to the applicant"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("request for missing items")
        verbose_name_plural = _("requests for missing items")

    def __str__(self) -> str:
        return f"{self.case} · {len(self.items)}"


# What each step of a case is called on the staff page (CaseEvent.action).
ACTION_LABELS = {
    "draft": _("draft started"),
    "submit": _("submitted"),
    "return": _("missing items asked for"),
    "resubmit": _("sent again with the missing items"),
    "accept": _("accepted"),
    "visit": _("home visit recorded"),
    "district_visit": _("district home visit recorded"),
    "sign_visit": _("home visit signed"),
    "check": _("financial check recorded"),
    "investigate": _("investigation complete"),
    "appraise": _("community appraisal (民主评议) held"),
    "appraisal_invalid": _("community appraisal (民主评议) without enough attendance"),
    "review": _("street review opinion"),
    "extend_deadline": _("deadline extended"),
    "publish": _("public notice (公示) started"),
    "objection_filed": _("objection to the public notice"),
    "objection_dismissed": _("objection dismissed"),
    "reinvestigate": _("objection upheld: investigated again"),
    "confirm": _("confirmed"),
    "refuse": _("refused"),
    "appeal": _("appealed"),
    "uphold_appeal": _("appeal upheld"),
    "dismiss_appeal": _("appeal dismissed"),
    "withdraw": _("withdrawn"),
    "exception_repeat": _("district exception: repeat temporary assistance"),
    "exception_above_limit": _("district exception: above the normal limit"),
    "periodic_review": _("periodic review recorded"),
    "review_decided": _("periodic review decided"),
    "stop": _("assistance stopped"),
}


class CaseEvent(models.Model):
    """One step of the case: who, when, from which state to which, and a note."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="events", verbose_name=_("case")
    )
    action = models.CharField(_("action"), max_length=40)
    from_state = models.CharField(
        _("from"), max_length=12, choices=State.choices, blank=True
    )
    to_state = models.CharField(
        _("to"), max_length=12, choices=State.choices, blank=True
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    note = EncryptedTextField(_("note"), blank=True)
    # Shown to the applicant on "my applications" (internal notes are not).
    public_note = models.CharField(
        _("note for the applicant"), max_length=300, blank=True
    )

    class Meta:
        verbose_name = _("case step")
        verbose_name_plural = _("case steps")
        ordering = ["case", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.case} · {self.action}"

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS.get(self.action, self.action))


class CaseRead(models.Model):
    """A read of a case file: who, when, in which capacity, and why (admins)."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="reads", verbose_name=_("case")
    )
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("read by"),
    )
    capacity = models.CharField(_("as"), max_length=30)
    what = models.CharField(_("what was read"), max_length=60, default="case file")
    reason = models.CharField(_("recorded reason"), max_length=300, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("case file read")
        verbose_name_plural = _("case file reads")
        ordering = ["-at"]
        indexes = [models.Index(fields=["case", "-at"])]

    def __str__(self) -> str:
        return f"{self.case} · {self.capacity} · {self.at:%Y-%m-%d %H:%M}"
