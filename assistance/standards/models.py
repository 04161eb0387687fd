"""Standards (标准) and the district's assistance settings: the monthly 低保
standard per district and area with its history, the ratios the 特困 and 低收入
standards follow, deadlines, the 公示 period; and the working-day calendar's
district overrides."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.models import Region

CENT = Decimal("0.01")


class Area(models.TextChoices):
    URBAN = "urban", _("urban")
    RURAL = "rural", _("rural")


class AssistanceSettings(models.Model):
    """A district's assistance policy numbers (DOMAIN-RULES §6), with defaults."""

    district = models.OneToOneField(
        Region,
        on_delete=models.CASCADE,
        related_name="assistance_settings",
        limit_choices_to={"kind": "district"},
        verbose_name=_("district"),
    )
    special_hardship_ratio = models.DecimalField(
        _("特困 standard (times the 低保 standard)"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1.3"),
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("5"))],
    )
    low_income_ratio = models.DecimalField(
        _("low-income threshold (times the 低保 standard)"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1.5"),
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("5"))],
    )
    temporary_limit_months = models.DecimalField(
        _("临时救助 limit (months of the 低保 standard)"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("3"),
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("6"))],
        help_text=_("Up to 6 with the district's approval."),
    )
    temporary_limit_max_months = models.DecimalField(
        _("临时救助 limit with district approval (months)"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("6"),
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("12"))],
    )
    publicity_days = models.PositiveSmallIntegerField(
        _("公示 period (days)"),
        default=7,
        validators=[MinValueValidator(3), MaxValueValidator(30)],
    )
    decision_working_days = models.PositiveSmallIntegerField(
        _("审核确认 within (working days of acceptance)"), default=25
    )
    extended_working_days = models.PositiveSmallIntegerField(
        _("extended limit (working days, with a recorded reason)"), default=40
    )
    temporary_working_days = models.PositiveSmallIntegerField(
        _("临时救助 decided within (working days)"), default=15
    )
    confirm_after_publicity_working_days = models.PositiveSmallIntegerField(
        _("confirmed within (working days after a 公示 without objection)"),
        default=10,
    )
    refusal_notice_working_days = models.PositiveSmallIntegerField(
        _("refusal notified within (working days)"), default=3
    )
    appraisal_attendance = models.DecimalField(
        _("民主评议 attendance (share)"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.667"),
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("1"))],
    )
    appraisal_agreement = models.DecimalField(
        _("民主评议 agreement (share of those present)"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.667"),
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("1"))],
    )
    spot_check_share = models.DecimalField(
        _("spot check (share of the month's confirmations)"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.30"),
        validators=[
            MinValueValidator(Decimal("0.01")),
            MaxValueValidator(Decimal("1")),
        ],
    )
    retention_years = models.PositiveSmallIntegerField(
        _("keep case files after the case ends (years)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    complaint_hotline = models.CharField(
        _("complaint hotline"), max_length=40, default="12345"
    )

    # Part 2 (DOMAIN-RULES §6): emergency aid, reports, periodic review, warnings.
    advance_aid_limit_months = models.DecimalField(
        _("先行救助 limit for a coordinator (months of the household's 低保 standard)"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("6"))],
        help_text=_("A street officer may grant more, up to the 临时救助 limit."),
    )
    advance_paperwork_working_days = models.PositiveSmallIntegerField(
        _("先行救助 paperwork completed within (working days)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    emergency_response_hours = models.PositiveSmallIntegerField(
        _("emergency response target (hours from report to first help)"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(168)],
    )
    emergency_period_limit_months = models.DecimalField(
        _("先行救助 limit during a declared emergency (months)"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("3"),
        validators=[
            MinValueValidator(Decimal("0.5")),
            MaxValueValidator(Decimal("12")),
        ],
    )
    emergency_period_paperwork_working_days = models.PositiveSmallIntegerField(
        _("paperwork within, during a declared emergency (working days)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    report_urgent_hours = models.PositiveSmallIntegerField(
        _("urgent report visited within (hours)"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(168)],
    )
    report_working_days = models.PositiveSmallIntegerField(
        _("other reports visited within (working days)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    review_months_minimum_living = models.PositiveSmallIntegerField(
        _("低保 households reviewed every (months)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
    )
    review_months_able_to_work = models.PositiveSmallIntegerField(
        _("低保 households with a member able to work reviewed every (months)"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
    )
    review_months_special_hardship = models.PositiveSmallIntegerField(
        _("特困 recipients reviewed every (months)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
    )
    warning_income_drop_share = models.DecimalField(
        _("warn when recorded income falls by (share)"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.30"),
        validators=[
            MinValueValidator(Decimal("0.05")),
            MaxValueValidator(Decimal("1")),
        ],
    )
    warning_expense_rise_share = models.DecimalField(
        _("warn when large expenses rise by (share)"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.50"),
        validators=[
            MinValueValidator(Decimal("0.05")),
            MaxValueValidator(Decimal("10")),
        ],
    )
    warning_no_visit_days = models.PositiveSmallIntegerField(
        _("warn when an elderly person living alone has had no visit for (days)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )

    class Meta:
        verbose_name = _("assistance settings")
        verbose_name_plural = _("assistance settings")

    def __str__(self) -> str:
        return str(_("Assistance settings of %(d)s") % {"d": self.district})

    def clean(self) -> None:
        if self.temporary_limit_max_months < self.temporary_limit_months:
            raise ValidationError(
                {
                    "temporary_limit_max_months": _(
                        "The limit with approval must not be below the normal limit."
                    )
                }
            )
        if self.extended_working_days < self.decision_working_days:
            raise ValidationError(
                {
                    "extended_working_days": _(
                        "The extended limit must not be shorter than the normal one."
                    )
                }
            )


class Standard(models.Model):
    """The monthly 低保 standard of a district and area from a date; history kept.

    The 特困 and 低收入 ratios in force when it was set are kept with it, so
    past standards read as they were.
    """

    district = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        related_name="assistance_standards",
        limit_choices_to={"kind": "district"},
        verbose_name=_("district"),
    )
    area = models.CharField(_("area"), max_length=5, choices=Area.choices)
    monthly_amount = models.DecimalField(
        _("monthly 低保 standard (yuan per person)"),
        max_digits=8,
        decimal_places=2,
        validators=[
            MinValueValidator(Decimal("1")),
            MaxValueValidator(Decimal("99999")),
        ],
    )
    effective_from = models.DateField(_("effective from"))
    special_hardship_ratio = models.DecimalField(
        _("特困 ratio"), max_digits=4, decimal_places=2, default=Decimal("1.3")
    )
    low_income_ratio = models.DecimalField(
        _("low-income ratio"), max_digits=4, decimal_places=2, default=Decimal("1.5")
    )
    note = models.CharField(_("document or note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("assistance standard")
        verbose_name_plural = _("assistance standards")
        ordering = ["district", "area", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "area", "effective_from"],
                name="assistance_standard_one_per_day",
                violation_error_message=_(
                    "A standard for this area already starts on that day."
                ),
            ),
            models.CheckConstraint(
                condition=Q(monthly_amount__gt=0),
                name="assistance_standard_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.district} · {self.get_area_display()} · {self.monthly_amount}"

    @property
    def special_hardship_amount(self) -> Decimal:
        """The 特困 basic-living standard per person per month."""
        return (self.monthly_amount * self.special_hardship_ratio).quantize(
            CENT, ROUND_HALF_UP
        )

    @property
    def low_income_amount(self) -> Decimal:
        """The 低收入 threshold per person per month."""
        return (self.monthly_amount * self.low_income_ratio).quantize(
            CENT, ROUND_HALF_UP
        )


class WorkdayOverride(models.Model):
    """A date the holiday library does not know, set by the district: a holiday
    on a weekday, or an adjusted working day (调休) on a weekend."""

    district = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        related_name="workday_overrides",
        limit_choices_to={"kind": "district"},
        verbose_name=_("district"),
    )
    date = models.DateField(_("date"))
    is_workday = models.BooleanField(
        _("working day"),
        help_text=_("Ticked: an adjusted working day. Unticked: a holiday."),
    )
    note = models.CharField(_("note"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("working-day override")
        verbose_name_plural = _("working-day overrides")
        ordering = ["district", "date"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "date"],
                name="assistance_workday_override_unique",
                violation_error_message=_("This date already has an override."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.district} · {self.date:%Y-%m-%d}"
