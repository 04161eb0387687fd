"""Charity: organisations, projects, donations of money and goods, spending.

Totals are never stored: what a project raised and spent is always an aggregate of
its donation and expenditure rows, so concurrent confirmations cannot lose an update.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.uploads import MB, UploadValidator

# GB 32100-2015: the unified social credit code's alphabet (no I, O, S, V, Z).
CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# Filing must come at least this many days before a public fundraising starts;
# an emergency project must complete its filing within as many days after.
FILING_LEAD_DAYS = 10
RECEIPT_MAX_BYTES = 10 * MB
RECEIPT_KINDS = frozenset({"pdf", "image"})
ZERO = Decimal("0.00")


def credit_code_check_character(first17: str) -> str:
    """The 18th character of a unified social credit code (GB 32100-2015)."""
    total = sum(
        CREDIT_CODE_ALPHABET.index(char) * weight
        for char, weight in zip(first17, CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> None:
    """18 characters from the GB 32100-2015 alphabet with a correct check character."""
    code = (value or "").strip().upper()
    if len(code) != 18 or any(char not in CREDIT_CODE_ALPHABET for char in code):
        raise ValidationError(
            _(
                "A unified social credit code has 18 characters: digits and capital "
                "letters other than I, O, S, V and Z."
            ),
            code="format",
        )
    if credit_code_check_character(code[:17]) != code[17]:
        raise ValidationError(
            _("This unified social credit code's check character is wrong."),
            code="check_digit",
        )


_PERSONAL_NUMBER = re.compile(r"\d[\d\s-]{6,}")


def validate_payee(value: str) -> None:
    """A payee is an organisation's name: no phone, ID or account numbers."""
    if _PERSONAL_NUMBER.search(value or ""):
        raise ValidationError(
            _(
                "Enter the payee organisation's name only, without phone, identity "
                "or account numbers; a private person's details are never published."
            ),
            code="personal_details",
        )


class Organisation(models.Model):
    """A charity organisation or other social organisation working in a community."""

    class Kind(models.TextChoices):
        CHARITY = "charity", _("charity organisation")
        SOCIAL = "social", _("other social organisation")

    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.PROTECT,
        related_name="charity_organisations",
        verbose_name=_("community"),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.CHARITY
    )
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
    )
    qualification_number = models.CharField(
        _("public-fundraising qualification certificate number"),
        max_length=100,
        blank=True,
    )
    qualification_valid_from = models.DateField(
        _("qualification valid from"), null=True, blank=True
    )
    qualification_valid_to = models.DateField(
        _("qualification valid to"), null=True, blank=True
    )
    contact_person = models.CharField(_("contact person"), max_length=100)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="managed_charity_organisations",
        verbose_name=_("managers"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        start, end = self.qualification_valid_from, self.qualification_valid_to
        if start and end and end < start:
            raise ValidationError(
                {"qualification_valid_to": _("The end must not be before the start.")}
            )

    def has_valid_qualification(self, on: datetime.date | None = None) -> bool:
        """A certificate number and a validity period covering the day."""
        on = on or timezone.localdate()
        return bool(
            self.qualification_number
            and self.qualification_valid_from
            and self.qualification_valid_to
            and self.qualification_valid_from <= on <= self.qualification_valid_to
        )


class Project(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLIC = "public", _("public")
        CLOSED = "closed", _("closed")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("organisation"),
    )
    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.PROTECT,
        related_name="charity_projects",
        verbose_name=_("community"),
    )
    title = models.CharField(_("title"), max_length=200)
    purpose = models.TextField(_("purpose"))
    beneficiaries = models.TextField(_("beneficiaries"))
    area = models.CharField(_("area"), max_length=200)
    paired_region = models.CharField(
        _("paired-assistance region"),
        max_length=200,
        blank=True,
        help_text=_(
            "For paired assistance: the partner region in another province, if any."
        ),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    goal_amount = models.DecimalField(
        _("goal amount (yuan)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    responsible_person = models.CharField(_("responsible person"), max_length=100)
    receiving_account = models.CharField(
        _("receiving account"),
        max_length=100,
        help_text=_("Bank and account number; public pages show it masked."),
    )
    use_plan = models.TextField(_("use plan"))
    leftover_plan = models.TextField(_("plan for leftover funds"))
    resolution_reference = models.CharField(
        _("consultation resolution"),
        max_length=300,
        blank=True,
        help_text=_("Optional: the resolution's reference or web address."),
    )
    is_public_fundraising = models.BooleanField(
        _("public fundraising"),
        default=True,
        help_text=_(
            "Public fundraising needs a valid qualification and a filing number."
        ),
    )
    filing_number = models.CharField(_("filing number"), max_length=100, blank=True)
    filed_on = models.DateField(_("filed on"), null=True, blank=True)
    emergency_reason = models.TextField(
        _("emergency reason"),
        blank=True,
        help_text=_(
            "Only for an emergency: why it goes public before the 10 days after "
            "filing. The filing must then be completed within 10 days."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_on = models.DateField(_("went public on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("charity project")
        verbose_name_plural = _("charity projects")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": _("The end must not be before the start.")}
            )

    @property
    def masked_account(self) -> str:
        """All but the last four characters hidden."""
        account = self.receiving_account.replace(" ", "")
        if len(account) <= 4:
            return "*" * len(account)
        return "*" * (len(account) - 4) + account[-4:]

    @property
    def is_emergency(self) -> bool:
        return bool(self.emergency_reason.strip())

    @property
    def filing_complete(self) -> bool:
        return bool(self.filing_number and self.filed_on)

    @property
    def filing_due_on(self) -> datetime.date | None:
        """For an emergency project that went public: when its filing is due."""
        if not self.is_emergency or self.published_on is None:
            return None
        return self.published_on + datetime.timedelta(days=FILING_LEAD_DAYS)

    def filing_overdue(self, on: datetime.date | None = None) -> bool:
        due = self.filing_due_on
        if due is None:
            return False
        on = on or timezone.localdate()
        if self.filing_complete:
            return self.filed_on > due
        return on > due


class Follow(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="follows"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="charity_follows",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["project", "user"], name="charity_follow_once"
            )
        ]
        verbose_name = _("follow")
        verbose_name_plural = _("follows")

    def __str__(self) -> str:
        return f"{self.user_id} → {self.project_id}"


class DonationQuerySet(models.QuerySet):
    def confirmed(self) -> DonationQuerySet:
        return self.filter(status=Donation.Status.CONFIRMED)

    def money(self) -> DonationQuerySet:
        return self.filter(kind=Donation.Kind.MONEY)


class Donation(models.Model):
    class Kind(models.TextChoices):
        MONEY = "money", _("money")
        GOODS = "goods", _("goods")

    class Channel(models.TextChoices):
        ONLINE = "online", _("online pledge")
        OFFLINE = "offline", _("recorded offline")

    class Status(models.TextChoices):
        PLEDGED = "pledged", _("pledged")
        CONFIRMED = "confirmed", _("confirmed")
        LAPSED = "lapsed", _("lapsed")

    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="donations"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLEDGED
    )
    donor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="charity_donations",
    )
    donor_name = models.CharField(_("name to show"), max_length=100, blank=True)
    show_name = models.BooleanField(_("show my name publicly"), default=False)
    amount = models.DecimalField(
        _("amount (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    item = models.CharField(_("item"), max_length=200, blank=True)
    quantity = models.PositiveIntegerField(_("quantity"), null=True, blank=True)
    estimated_value = models.DecimalField(
        _("estimated value (yuan)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
    )
    receipt_number = models.CharField(
        _("receipt number"), max_length=40, unique=True, null=True, blank=True
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    lapses_at = models.DateTimeField(_("lapses at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = DonationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("donation")
        verbose_name_plural = _("donations")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="money", amount__gt=0)
                    | models.Q(kind="goods", quantity__gt=0, estimated_value__gte=0)
                ),
                name="charity_donation_kind_fields",
            )
        ]
        indexes = [models.Index(fields=["project", "status", "kind"])]

    def __str__(self) -> str:
        return self.receipt_number or f"#{self.pk}"

    @property
    def public_name(self) -> str:
        """The chosen name only if the donor opted in; otherwise 爱心人士."""
        from django.utils.translation import gettext

        if self.show_name and self.donor_name.strip():
            return self.donor_name.strip()
        return gettext("anonymous donor")

    @property
    def value(self) -> Decimal:
        if self.kind == self.Kind.MONEY:
            return self.amount or ZERO
        return self.estimated_value or ZERO


class Expenditure(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="expenditures"
    )
    spent_on = models.DateField(_("date"))
    amount = models.DecimalField(
        _("amount (yuan)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    purpose = models.CharField(_("purpose"), max_length=300)
    payee = models.CharField(
        _("payee organisation"),
        max_length=200,
        help_text=_("An organisation's name; never a private person's details."),
        validators=[validate_payee],
    )
    receipt = models.FileField(
        _("receipt"),
        upload_to="charity/receipts/%Y/%m/",
        validators=[UploadValidator(kinds=RECEIPT_KINDS, max_bytes=RECEIPT_MAX_BYTES)],
    )
    link_text = models.CharField(
        _("related resolution or activity"), max_length=300, blank=True
    )
    over_balance_reason = models.TextField(
        _("reason for spending beyond the balance"), blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["spent_on", "pk"]
        verbose_name = _("expenditure")
        verbose_name_plural = _("expenditures")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="charity_expenditure_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.spent_on} {self.payee} {self.amount}"


# ---------------------------------------------------------------------------
# Reports (progress, final, and unscheduled updates)
# ---------------------------------------------------------------------------
REPORT_ATTACHMENT_KINDS = frozenset({"pdf", "image", "office"})
REPORT_ATTACHMENT_MAX_BYTES = 10 * MB
REPORT_MAX_ATTACHMENTS = 5


class Report(models.Model):
    """A report a manager files on a project.

    Progress and final reports fulfil one due date of the project's schedule
    (charity/schedule.py): `kind` and `sequence` name it (progress 1, 2, …; final 0).
    An update is an unscheduled note and fulfils nothing.
    """

    class Kind(models.TextChoices):
        PROGRESS = "progress", _("progress report")
        FINAL = "final", _("final report")
        UPDATE = "update", _("update")

    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="reports"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    sequence = models.PositiveSmallIntegerField(_("number"), default=0)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    filed_at = models.DateTimeField(_("filed at"), default=timezone.now)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-filed_at", "-pk"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "kind", "sequence"],
                condition=models.Q(kind__in=["progress", "final"]),
                name="charity_report_once_per_due_date",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def filed_late(self) -> bool:
        return bool(self.due_on and timezone.localdate(self.filed_at) > self.due_on)


class ReportAttachment(models.Model):
    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(
        _("attachment"),
        upload_to="charity/reports/%Y/%m/",
        validators=[
            UploadValidator(
                kinds=REPORT_ATTACHMENT_KINDS, max_bytes=REPORT_ATTACHMENT_MAX_BYTES
            )
        ],
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("report attachment")
        verbose_name_plural = _("report attachments")

    def __str__(self) -> str:
        return self.filename

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]


# ---------------------------------------------------------------------------
# Needs: goods a community asks for, and pledges against them
# ---------------------------------------------------------------------------
class Need(models.Model):
    """Goods a community needs (item, quantity, unit, by when).

    `volunteer_activity` optionally names the volunteers activity calling for
    helpers, by its page address (`/<slug>/volunteering/activities/<id>/`) or a
    full web address: charity never reads the volunteers app's tables.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.PROTECT,
        related_name="charity_needs",
        verbose_name=_("community"),
    )
    item = models.CharField(_("item"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    quantity = models.PositiveIntegerField(
        _("quantity"), validators=[MinValueValidator(1)]
    )
    unit = models.CharField(
        _("unit"), max_length=20, help_text=_("For example 箱, 件.")
    )
    needed_by = models.DateField(_("needed by"))
    volunteer_activity = models.CharField(
        _("volunteer activity"),
        max_length=300,
        blank=True,
        help_text=_(
            "Optional: the address of a volunteering activity calling for helpers, "
            "such as /heping/volunteering/activities/12/."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["needed_by", "pk"]
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gt=0), name="charity_need_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.item} × {self.quantity}{self.unit}"

    def clean(self) -> None:
        super().clean()
        link = self.volunteer_activity.strip()
        # A path on this site (not "//host", which leaves it) or a web address.
        local = link.startswith("/") and not link.startswith("//")
        if link and not (local or link.startswith(("https://", "http://"))):
            raise ValidationError(
                {
                    "volunteer_activity": _(
                        "Enter the activity page's address, starting with / or "
                        "https://."
                    )
                }
            )


class NeedPledge(models.Model):
    class Status(models.TextChoices):
        PLEDGED = "pledged", _("pledged")
        DELIVERED = "delivered", _("delivered")

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="pledges")
    donor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="charity_need_pledges",
    )
    donor_name = models.CharField(_("name to show"), max_length=100, blank=True)
    show_name = models.BooleanField(_("show my name publicly"), default=False)
    quantity = models.PositiveIntegerField(
        _("quantity"), validators=[MinValueValidator(1)]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLEDGED
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("pledge of goods")
        verbose_name_plural = _("pledges of goods")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gt=0), name="charity_needpledge_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.need_id}: {self.quantity}"

    @property
    def public_name(self) -> str:
        from django.utils.translation import gettext

        if self.show_name and self.donor_name.strip():
            return self.donor_name.strip()
        return gettext("anonymous donor")
