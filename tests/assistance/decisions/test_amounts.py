"""Amounts: 低保 差额 never below zero with its calculation, 特困 per person,
低收入 recognition, 临时救助 within the limits, no standard → a clear error."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from assistance.cases.models import Kind
from assistance.decisions import amounts
from assistance.standards.models import Standard

D = Decimal


def test_dibao_is_standard_times_size_minus_income_with_the_calculation():
    result = amounts.dibao(standard=D("850"), household_size=3, income=D("1200"))
    assert result.value == D("1350.00")
    assert result.calculation.startswith("850.00 × 3 − 1,200.00 = 1,350.00")


def test_dibao_is_never_below_zero():
    result = amounts.dibao(standard=D("850"), household_size=1, income=D("2000"))
    assert result.value == D("0.00")
    assert "= 0.00" in result.calculation


def test_dibao_refuses_an_empty_household_and_negative_income():
    with pytest.raises(ValidationError):
        amounts.dibao(standard=D("850"), household_size=0, income=D("0"))
    with pytest.raises(ValidationError):
        amounts.dibao(standard=D("850"), household_size=2, income=D("-1"))


def test_special_hardship_is_per_person_supported():
    result = amounts.special_hardship(per_person=D("1105.00"), persons=2)
    assert result.value == D("2210.00")
    assert "1,105.00 × 2" in result.calculation


def test_low_income_recognition_pays_nothing():
    assert amounts.low_income().value == 0


@pytest.mark.parametrize(
    ("entered", "granted", "ok"),
    [
        (D("100"), False, True),
        (D("2550"), False, True),  # exactly the normal limit
        (D("2550.01"), False, False),  # above: needs the exception
        (D("2550.01"), True, True),
        (D("5100"), True, True),  # the maximum with approval
        (D("5100.01"), True, False),  # above the maximum: never
        (D("0"), True, False),
        (D("-5"), True, False),
        (None, True, False),
    ],
)
def test_temporary_within_the_limits(entered, granted, ok):
    def call():
        return amounts.temporary(
            entered=entered,
            normal_limit=D("2550"),
            max_limit=D("5100"),
            above_limit_granted=granted,
        )

    if ok:
        assert call().value == entered
    else:
        with pytest.raises(ValidationError):
            call()


def test_amount_for_a_case_reads_the_standard_members_and_income(make_case):
    case = make_case(members=3, incomes=(D("700"), D("500")))
    result = amounts.amount_for(case, start_month=datetime.date(2026, 1, 1))
    assert result.value == D("1350.00")


def test_amount_uses_the_standard_in_force_in_the_first_month(make_case, district):
    Standard.objects.create(
        district=district,
        area="urban",
        monthly_amount=D("900"),
        effective_from=datetime.date(2026, 7, 1),
    )
    case = make_case(members=2, incomes=())
    assert amounts.amount_for(case, start_month=datetime.date(2026, 6, 1)).value == D(
        "1700.00"
    )
    assert amounts.amount_for(case, start_month=datetime.date(2026, 7, 1)).value == D(
        "1800.00"
    )


def test_special_hardship_case_uses_the_ratio(make_case):
    case = make_case(kind=Kind.SPECIAL_HARDSHIP, members=1, incomes=())
    result = amounts.amount_for(case, start_month=datetime.date(2026, 1, 1))
    assert result.value == D("1105.00")  # 850 × 1.3


def test_temporary_case_limit_is_months_of_the_household_standard(make_case):
    case = make_case(kind=Kind.TEMPORARY, members=2, incomes=())
    month = datetime.date(2026, 1, 1)
    # 850 × 2 × 3 = 5100 normal, × 6 = 10200 with approval
    assert amounts.amount_for(case, start_month=month, entered=D("5100")).value
    with pytest.raises(ValidationError):
        amounts.amount_for(case, start_month=month, entered=D("5100.01"))


def test_no_standard_in_force_is_a_clear_error(make_case, standard):
    case = make_case()
    with pytest.raises(ValidationError) as error:
        amounts.amount_for(case, start_month=datetime.date(2019, 1, 1))
    assert error.value.code == "no_standard"
    assert "No assistance standard" in error.value.messages[0]
