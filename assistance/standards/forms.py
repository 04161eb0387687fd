"""Forms of the district supervisor's standards pages. Validation comes from the
models (validators, clean(), constraints); the services check uniqueness again."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assistance.standards.models import AssistanceSettings, Standard, WorkdayOverride

# 临时救助: at most 6 months of the 低保 standard, even with the district's approval.
TEMPORARY_LIMIT_CAP = Decimal("6")
FIRST_YEAR = 2000


def _within_range(day: datetime.date) -> datetime.date:
    """A date from 2000 to two years ahead (typing slips such as 0202 or 2206)."""
    today = timezone.localdate()
    if day.year < FIRST_YEAR or day > today.replace(year=today.year + 2):
        raise forms.ValidationError(
            _("Enter a date from %(first)s to two years from today."),
            params={"first": FIRST_YEAR},
        )
    return day


class StandardForm(forms.ModelForm):
    class Meta:
        model = Standard
        fields = ["area", "monthly_amount", "effective_from", "note"]
        widgets = {"effective_from": forms.DateInput(attrs={"type": "date"})}

    def clean_effective_from(self) -> datetime.date:
        return _within_range(self.cleaned_data["effective_from"])


class SettingsForm(forms.ModelForm):
    class Meta:
        model = AssistanceSettings
        fields = [
            "special_hardship_ratio",
            "low_income_ratio",
            "temporary_limit_months",
            "temporary_limit_max_months",
            "publicity_days",
            "decision_working_days",
            "extended_working_days",
            "temporary_working_days",
            "confirm_after_publicity_working_days",
            "refusal_notice_working_days",
            "appraisal_attendance",
            "appraisal_agreement",
            "spot_check_share",
            "retention_years",
            "complaint_hotline",
            "advance_aid_limit_months",
            "advance_paperwork_working_days",
            "emergency_response_hours",
            "emergency_period_limit_months",
            "emergency_period_paperwork_working_days",
            "report_urgent_hours",
            "report_working_days",
            "review_months_minimum_living",
            "review_months_able_to_work",
            "review_months_special_hardship",
            "warning_income_drop_share",
            "warning_expense_rise_share",
            "warning_no_visit_days",
        ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cap = MaxValueValidator(TEMPORARY_LIMIT_CAP)
        for name in ("temporary_limit_months", "temporary_limit_max_months"):
            field = self.fields[name]
            field.validators.append(cap)
            field.max_value = TEMPORARY_LIMIT_CAP
            field.widget.attrs["max"] = str(TEMPORARY_LIMIT_CAP)
        for name in (
            "decision_working_days",
            "extended_working_days",
            "temporary_working_days",
            "confirm_after_publicity_working_days",
            "refusal_notice_working_days",
        ):
            self.fields[name].min_value = 1
            self.fields[name].validators.append(_at_least_one)


def _at_least_one(value: int) -> None:
    if value is not None and value < 1:
        raise forms.ValidationError(_("Enter at least one working day."))


class OverrideForm(forms.ModelForm):
    class Meta:
        model = WorkdayOverride
        fields = ["date", "is_workday", "note"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}

    def clean_date(self) -> datetime.date:
        return _within_range(self.cleaned_data["date"])
