"""Investigation (调查核实): the home visit (入户调查) by at least two staff with
both signatures, the household financial check (家庭经济状况核对, done by the
city's external system and recorded here by its reference), the optional
community appraisal (民主评议), and the street's review opinion."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.crypto import EncryptedTextField
from assistance.cases.models import Case


class HomeVisit(models.Model):
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="visits", verbose_name=_("case")
    )
    visited_on = models.DateField(_("visited on"))
    staff_1 = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("first visitor"),
    )
    staff_2 = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("second visitor"),
    )
    findings = EncryptedTextField(_("findings"))
    staff_1_signed_at = models.DateTimeField(
        _("first visitor signed at"), null=True, blank=True
    )
    staff_2_signed_at = models.DateTimeField(
        _("second visitor signed at"), null=True, blank=True
    )
    # The district's own visit, needed for a registered close relative (近亲属备案).
    by_district = models.BooleanField(_("district-level visit"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("home visit")
        verbose_name_plural = _("home visits")
        ordering = ["case", "visited_on"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(staff_1=F("staff_2")),
                name="assistance_visit_two_different_staff",
                violation_error_message=_("A home visit needs two different people."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} · {self.visited_on:%Y-%m-%d}"

    @property
    def is_signed(self) -> bool:
        return bool(self.staff_1_signed_at and self.staff_2_signed_at)


class FinancialCheck(models.Model):
    class Result(models.TextChoices):
        WITHIN = "within", _("within the limits")
        ABOVE = "above", _("income or property above the limits")
        INCOMPLETE = "incomplete", _("could not be completed")

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="checks", verbose_name=_("case")
    )
    reference = models.CharField(
        _("reference of the check (核对报告编号)"), max_length=60
    )
    result = models.CharField(_("result"), max_length=10, choices=Result.choices)
    summary = EncryptedTextField(_("summary"), blank=True)
    checked_on = models.DateField(_("checked on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("household financial check")
        verbose_name_plural = _("household financial checks")
        ordering = ["case", "checked_on"]

    def __str__(self) -> str:
        return f"{self.case} · {self.reference}"


class Appraisal(models.Model):
    """民主评议: valid with ≥ 2/3 attendance; passes with ≥ 2/3 agreement (settings)."""

    case = models.ForeignKey(
        Case,
        on_delete=models.CASCADE,
        related_name="appraisals",
        verbose_name=_("case"),
    )
    held_on = models.DateField(_("held on"))
    panel_size = models.PositiveSmallIntegerField(_("members of the panel"))
    attended = models.PositiveSmallIntegerField(_("attended"))
    agreed = models.PositiveSmallIntegerField(_("agreed"))
    attendance_needed = models.DecimalField(
        max_digits=4, decimal_places=3, default=Decimal("0.667")
    )
    agreement_needed = models.DecimalField(
        max_digits=4, decimal_places=3, default=Decimal("0.667")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("community appraisal (民主评议)")
        verbose_name_plural = _("community appraisals")
        ordering = ["case", "held_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(attended__lte=F("panel_size"))
                & Q(agreed__lte=F("attended")),
                name="assistance_appraisal_counts_fit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} · {self.held_on:%Y-%m-%d}"

    @staticmethod
    def _share(part: int, whole: int) -> Decimal:
        """part/whole rounded like the stored thresholds (3 places): 2 of 3 is 0.667."""
        return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.001"))

    @property
    def is_valid(self) -> bool:
        return self.panel_size > 0 and (
            self._share(self.attended, self.panel_size) >= self.attendance_needed
        )

    @property
    def passed(self) -> bool:
        return (
            self.is_valid
            and self.attended > 0
            and self._share(self.agreed, self.attended) >= self.agreement_needed
        )


class ReviewOpinion(models.Model):
    """The street's review opinion (街道审核意见): for or against."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="opinions", verbose_name=_("case")
    )
    recommends_approval = models.BooleanField(_("recommends approval"))
    opinion = EncryptedTextField(_("opinion"))
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("officer"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("review opinion")
        verbose_name_plural = _("review opinions")
        ordering = ["case", "at"]

    def __str__(self) -> str:
        return f"{self.case} · {self.at:%Y-%m-%d}"
