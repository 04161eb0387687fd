"""Charity projects, their status and filing, and the people following them.

Totals are never stored: what a project raised and spent is always an aggregate of
its donation and expenditure rows, so concurrent confirmations cannot lose an update.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from charity.organisations.models import Organisation

# Filing must come at least this many days before a public fundraising starts;
# an emergency project must complete its filing within as many days after.
FILING_LEAD_DAYS = 10
ZERO = Decimal("0.00")


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
