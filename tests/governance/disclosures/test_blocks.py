"""The finance table block: totals are computed from the lines, never typed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from governance.disclosures.blocks import FinanceTableBlock
from tests.support.governance_disclosures import add_disclosure, finance_body

pytestmark = pytest.mark.django_db


def test_the_block_has_no_field_for_totals():
    children = set(FinanceTableBlock().child_blocks)
    assert children == {"caption", "lines"}
    line_fields = set(
        FinanceTableBlock().child_blocks["lines"].child_block.child_blocks
    )
    assert line_fields == {"kind", "item", "amount", "note"}


def test_totals_and_balance_follow_the_lines(community, editor):
    page = add_disclosure(
        community,
        user=editor,
        category="service",
        body=finance_body(
            [
                ("income", "拨款", "100.10"),
                ("income", "捐赠", "0.20"),
                ("expenditure", "维修", "50.05"),
            ]
        ),
    )
    table = next(b.value for b in page.body if b.block_type == "finance_table")
    totals = table.totals
    assert totals.income == Decimal("100.30")
    assert totals.expenditure == Decimal("50.05")
    assert totals.balance == Decimal("50.25")


def test_a_negative_amount_is_refused():
    from django.core.exceptions import ValidationError

    block = FinanceTableBlock()
    value = block.to_python(
        {
            "caption": "x",
            "lines": [{"kind": "income", "item": "x", "amount": "-1", "note": ""}],
        }
    )
    with pytest.raises(ValidationError):
        block.clean(value)
