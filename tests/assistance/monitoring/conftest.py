"""Fixtures of the periodic review and early warning tests.

- `recipient`: a confirmed 低保 case of `household` (applicant + spouse, wages of
  400 yuan a month on the applicant), paying 1,600 yuan a month (the 1,000 yuan
  standard × 2 − 400), scheduled for review.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistance.monitoring.schedule import schedule_review


@pytest.fixture
def recipient(make_case, standard):
    case = make_case(
        "confirmed",
        members=[("张三明", "self"), ("李红", "spouse")],
        incomes=[("wages", "400")],
    )
    case.monthly_amount = Decimal("1600.00")
    case.save(update_fields=["monthly_amount"])
    schedule_review(case)
    return case
