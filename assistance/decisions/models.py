"""Decisions: refusals with written reasons by category, the one appeal to the
district, and the district's recorded exceptions (a second 临时救助 for the same
cause in a year, an amount above the normal limit)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.crypto import EncryptedTextField
from assistance.cases.models import Case


class RefusalCategory(models.TextChoices):
    INCOME = "income", _("income above the standard")
    PROPERTY = "property", _("property above the limits")
    RESIDENCE = "residence", _("not resident in the area")
    INCOMPLETE = "incomplete", _("documents not provided")
    FALSE_INFO = "false_info", _("false or hidden information")
    NOT_ELIGIBLE = "not_eligible", _("not in a group the assistance covers")
    OTHER = "other", _("other reasons")


class Refusal(models.Model):
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="refusals", verbose_name=_("case")
    )
    category = models.CharField(
        _("main reason"), max_length=14, choices=RefusalCategory.choices
    )
    reasons = EncryptedTextField(_("written reasons"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)
    notice_due = models.DateField(_("notice due"))
    notified_at = models.DateTimeField(
        _("applicant notified at"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("refusal")
        verbose_name_plural = _("refusals")
        ordering = ["case", "decided_at"]

    def __str__(self) -> str:
        return f"{self.case} · {self.get_category_display()}"


class Appeal(models.Model):
    """One appeal per case against a refusal, decided by the district."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("waiting for the district")
        UPHELD = "upheld", _("appeal upheld: the case is investigated again")
        DISMISSED = "dismissed", _("appeal dismissed: the refusal stands")

    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, related_name="appeal", verbose_name=_("case")
    )
    reason = EncryptedTextField(_("why you appeal"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("filed by"),
    )
    filed_at = models.DateTimeField(_("filed at"), default=timezone.now)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING
    )
    answer = EncryptedTextField(_("the district's answer"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")

    def __str__(self) -> str:
        return f"{self.case} · {self.get_outcome_display()}"


class DistrictException(models.Model):
    class Kind(models.TextChoices):
        REPEAT_TEMPORARY = (
            "repeat",
            _("second temporary assistance for the same cause this year"),
        )
        ABOVE_LIMIT = "above_limit", _("temporary assistance above the normal limit")
        ADMIN_READ = "admin_read", _("platform admin access")

    case = models.ForeignKey(
        Case,
        on_delete=models.CASCADE,
        related_name="exceptions",
        verbose_name=_("case"),
    )
    kind = models.CharField(_("exception"), max_length=12, choices=Kind.choices)
    reason = models.TextField(_("reason"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("granted by"),
    )
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)

    class Meta:
        verbose_name = _("district exception")
        verbose_name_plural = _("district exceptions")
        ordering = ["case", "granted_at"]

    def __str__(self) -> str:
        return f"{self.case} · {self.get_kind_display()}"
