"""A confirmed 临时救助 case of 3,000 yuan (`staged_case`) and helpers to post
a schedule from the case page."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from assistance.cases.models import Kind
from assistance.instalments import services


@pytest.fixture
def staged_case(make_case):
    return make_case(
        "confirmed", kind=Kind.TEMPORARY, monthly_amount=Decimal("3000.00")
    )


def day(offset: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=offset)


def rows(*pairs):
    """(days from today, amount) pairs as schedule rows."""
    return [
        {"due_on": day(offset), "amount": Decimal(amount), "condition": "仍在住院"}
        for offset, amount in pairs
    ]


def posted_rows(*triples):
    """(due_on text, amount text, condition) triples as the schedule form's POST."""
    data = {
        "rows-TOTAL_FORMS": str(len(triples)),
        "rows-INITIAL_FORMS": "0",
        "note": "",
    }
    for index, (due, amount, condition) in enumerate(triples):
        data[f"rows-{index}-due_on"] = due
        data[f"rows-{index}-amount"] = amount
        data[f"rows-{index}-condition"] = condition
    return data


@pytest.fixture
def scheduled(staged_case, officer):
    """The staged case with two instalments of 1,500: today and in 30 days."""
    return services.set_schedule(
        case=staged_case, actor=officer, rows=rows((0, "1500"), (30, "1500"))
    )
