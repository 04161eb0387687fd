"""Spending with receipts, and the reports managers file on a project."""

from __future__ import annotations

import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from charity.projects.models import Project
from communities.uploads import MB, UploadValidator

RECEIPT_MAX_BYTES = 10 * MB
RECEIPT_KINDS = frozenset({"pdf", "image"})
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


REPORT_ATTACHMENT_KINDS = frozenset({"pdf", "image", "office"})
REPORT_ATTACHMENT_MAX_BYTES = 10 * MB
REPORT_MAX_ATTACHMENTS = 5


class Report(models.Model):
    """A report a manager files on a project.

    Progress and final reports fulfil one due date of the project's schedule
    (charity/reports/schedule.py): `kind` and `sequence` name it (progress 1, 2, …; final 0).
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
