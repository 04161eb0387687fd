"""District spot checks (抽查) of confirmed cases, and the log of exports to the
city's 低收入人口 monitoring platform."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assistance.cases.models import Case
from communities.models import Region


class SpotCheck(models.Model):
    district = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        related_name="assistance_spot_checks",
        verbose_name=_("district"),
    )
    month = models.DateField(_("month of the confirmations"))
    share = models.DecimalField(_("share drawn"), max_digits=4, decimal_places=3)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("drawn by"),
    )
    drawn_at = models.DateTimeField(_("drawn at"), default=timezone.now)

    class Meta:
        verbose_name = _("spot check")
        verbose_name_plural = _("spot checks")
        ordering = ["-month", "-drawn_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "month"],
                name="assistance_spot_check_once_a_month",
                violation_error_message=_(
                    "A sample has already been drawn for this month."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.district} · {self.month:%Y-%m}"


class SpotCheckItem(models.Model):
    class Result(models.TextChoices):
        PENDING = "pending", _("not checked yet")
        CORRECT = "correct", _("correct")
        PROBLEM = "problem", _("problem found")

    spot_check = models.ForeignKey(
        SpotCheck,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("spot check"),
    )
    case = models.ForeignKey(
        Case,
        on_delete=models.CASCADE,
        related_name="spot_checks",
        verbose_name=_("case"),
    )
    result = models.CharField(
        _("result"), max_length=10, choices=Result.choices, default=Result.PENDING
    )
    note = models.TextField(_("note"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked by"),
    )
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("spot-checked case")
        verbose_name_plural = _("spot-checked cases")
        ordering = ["spot_check", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["spot_check", "case"], name="assistance_spot_check_item_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.spot_check} · {self.case}"


class ExportLog(models.Model):
    """One export file for the city's monitoring platform (rule 30: logged)."""

    made_by = models.CharField(_("made by"), max_length=150)
    made_at = models.DateTimeField(_("made at"), default=timezone.now)
    district = models.ForeignKey(
        Region,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("district"),
    )
    format = models.CharField(_("format"), max_length=4)
    path = models.CharField(_("file"), max_length=300)
    rows = models.PositiveIntegerField(_("rows"))
    agreement = models.CharField(_("entrusted-processing agreement"), max_length=200)

    class Meta:
        verbose_name = _("export to the monitoring platform")
        verbose_name_plural = _("exports to the monitoring platform")
        ordering = ["-made_at"]

    def __str__(self) -> str:
        return f"{self.made_at:%Y-%m-%d %H:%M} · {self.rows}"
