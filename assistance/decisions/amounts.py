"""How much a confirmed case receives, with the calculation written out.

Pure functions (`dibao`, `special_hardship`, `low_income`, `temporary`) take the
numbers and return an `Amount`; `amount_for(case, ...)` reads the case's standard,
household and income and calls the right one.

Interpretations:
- 低保 (差额救助): the monthly 低保 standard × household size − the household's
  monthly income, never below zero.
- 特困供养: the 特困 basic-living standard is per person supported, so the amount
  is the 特困 standard × the number of members the case covers (usually one).
- 低收入家庭认定: a recognition (a status that opens other help), not a payment:
  the amount is 0.
- 临时救助: the amount the officer enters, once; up to the normal limit, above it
  (up to the maximum) only with the district supervisor's recorded exception
  (`DistrictException.Kind.ABOVE_LIMIT`), above the maximum never.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from assistance.cases.models import Case, Kind
from assistance.standards.models import Standard
from assistance.standards.selectors import (
    area_of,
    district_of,
    settings_for,
    standard_in_force,
    temporary_limit,
)

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Amount:
    value: Decimal
    calculation: str


def money(value: Decimal) -> str:
    """1200 -> "1,200.00"."""
    return f"{Decimal(value).quantize(CENT, ROUND_HALF_UP):,.2f}"


def _monthly(value: Decimal) -> str:
    return _("%(amount)s yuan per month") % {"amount": money(value)}


def dibao(*, standard: Decimal, household_size: int, income: Decimal) -> Amount:
    """standard × size − income, never below zero."""
    if household_size < 1:
        raise ValidationError(_("The household has no members."), code="no_members")
    if income < 0:
        raise ValidationError(_("Income cannot be negative."), code="negative")
    gross = standard * household_size
    value = max(gross - income, ZERO).quantize(CENT, ROUND_HALF_UP)
    text = f"{money(standard)} × {household_size} − {money(income)} = {_monthly(value)}"
    if gross - income < 0:
        text += " " + _("(income above the standard: no allowance)")
    return Amount(value, text)


def special_hardship(*, per_person: Decimal, persons: int) -> Amount:
    """The 特困 standard per person × the persons supported."""
    persons = max(persons, 1)
    value = (per_person * persons).quantize(CENT, ROUND_HALF_UP)
    return Amount(value, f"{money(per_person)} × {persons} = {_monthly(value)}")


def low_income() -> Amount:
    return Amount(
        ZERO,
        _("Low-income household recognition: a status, no monthly payment."),
    )


def temporary(
    *,
    entered: Decimal | None,
    normal_limit: Decimal,
    max_limit: Decimal,
    above_limit_granted: bool,
) -> Amount:
    """The entered amount, checked against the limits."""
    if entered is None:
        raise ValidationError(
            {"amount": _("Enter the amount of temporary assistance.")}, code="required"
        )
    try:
        entered = Decimal(entered).quantize(CENT, ROUND_HALF_UP)
    except (InvalidOperation, TypeError):
        raise ValidationError({"amount": _("Enter an amount in yuan.")}) from None
    if entered <= 0:
        raise ValidationError(
            {"amount": _("The amount must be more than zero.")}, code="not_positive"
        )
    if entered > max_limit:
        raise ValidationError(
            {
                "amount": _(
                    "%(amount)s yuan is above the maximum of %(max)s yuan, "
                    "even with the district's approval."
                )
                % {"amount": money(entered), "max": money(max_limit)}
            },
            code="above_max",
        )
    if entered > normal_limit and not above_limit_granted:
        raise ValidationError(
            {
                "amount": _(
                    "%(amount)s yuan is above the normal limit of %(limit)s yuan: "
                    "the district supervisor must record an exception first."
                )
                % {"amount": money(entered), "limit": money(normal_limit)}
            },
            code="above_limit",
        )
    text = _("%(amount)s yuan once (normal limit %(limit)s yuan)") % {
        "amount": money(entered),
        "limit": money(normal_limit),
    }
    if entered > normal_limit:
        text += " " + _("above the normal limit with the district's approval")
    return Amount(entered, text)


def standard_for(case: Case, on: datetime.date) -> Standard:
    """The 低保 standard of the case's district and area on a day, or a clear error."""
    district = district_of(case.community)
    standard = standard_in_force(district, area_of(case.community), on)
    if standard is None:
        raise ValidationError(
            _(
                "No assistance standard is in force for %(district)s (%(area)s) "
                "on %(day)s: the district must record one first."
            )
            % {
                "district": district.name,
                "area": area_of(case.community),
                "day": on.isoformat(),
            },
            code="no_standard",
        )
    return standard


def household_income(case: Case) -> Decimal:
    """The household's monthly income (the items are encrypted: summed here)."""
    return sum((Decimal(item.monthly_amount or 0) for item in case.incomes.all()), ZERO)


def amount_for(
    case: Case,
    *,
    start_month: datetime.date,
    entered: Decimal | None = None,
    above_limit_granted: bool = False,
) -> Amount:
    """The case's amount from the standard in force in its first month."""
    standard = standard_for(case, start_month)
    size = case.members.count()
    if case.kind == Kind.MINIMUM_LIVING:
        return dibao(
            standard=standard.monthly_amount,
            household_size=size,
            income=household_income(case),
        )
    if case.kind == Kind.SPECIAL_HARDSHIP:
        return special_hardship(
            per_person=standard.special_hardship_amount, persons=size
        )
    if case.kind == Kind.LOW_INCOME:
        return low_income()
    normal, maximum = temporary_limit(
        standard, settings_for(district_of(case.community)), size
    )
    return temporary(
        entered=entered,
        normal_limit=normal,
        max_limit=maximum,
        above_limit_granted=above_limit_granted,
    )
