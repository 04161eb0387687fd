"""StreamField blocks of a disclosure (居务公开): text, headings and the finance table.

The finance table holds line items of income and expenditure. Totals are always
computed from the lines (`FinanceTableValue.totals`), never typed. Each line keeps a
stable id across revisions (Wagtail's ListBlock item id), so a resident's objection
can point at one line and still find it after a correction.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

INCOME = "income"
EXPENDITURE = "expenditure"


class FinanceLineBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[(INCOME, _("income")), (EXPENDITURE, _("expenditure"))],
        label=_("income or expenditure"),
    )
    item = blocks.CharBlock(max_length=120, label=_("item"))
    amount = blocks.DecimalBlock(
        max_digits=14, decimal_places=2, min_value=0, label=_("amount (yuan)")
    )
    note = blocks.CharBlock(max_length=200, required=False, label=_("note"))

    class Meta:
        icon = "list-ul"
        label = _("line")


@dataclass(frozen=True)
class FinanceLine:
    id: str
    kind: str
    item: str
    amount: Decimal
    note: str

    @property
    def is_income(self) -> bool:
        return self.kind == INCOME


@dataclass(frozen=True)
class Totals:
    income: Decimal
    expenditure: Decimal

    @property
    def balance(self) -> Decimal:
        return self.income - self.expenditure


class FinanceTableValue(blocks.StructValue):
    @property
    def line_items(self) -> list[FinanceLine]:
        lines = self.get("lines")
        if lines is None:
            return []
        return [
            FinanceLine(
                id=str(bound.id or ""),
                kind=bound.value.get("kind") or "",
                item=bound.value.get("item") or "",
                amount=bound.value.get("amount") or Decimal("0"),
                note=bound.value.get("note") or "",
            )
            for bound in lines.bound_blocks
        ]

    @property
    def totals(self) -> Totals:
        return totals_of(self.line_items)


def totals_of(lines: list[FinanceLine]) -> Totals:
    income = sum((line.amount for line in lines if line.is_income), Decimal("0"))
    spent = sum((line.amount for line in lines if not line.is_income), Decimal("0"))
    return Totals(income=income, expenditure=spent)


class FinanceTableBlock(blocks.StructBlock):
    """Income and expenditure lines; the totals and balance are computed."""

    caption = blocks.CharBlock(max_length=120, label=_("caption"))
    lines = blocks.ListBlock(FinanceLineBlock(), min_num=1, label=_("lines"))

    class Meta:
        icon = "table"
        label = _("finance table")
        value_class = FinanceTableValue
        template = "governance/blocks/finance_table.html"


class DisclosureBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(max_length=120, label=_("heading"), icon="title")
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "ol", "ul", "link", "document-link"],
        label=_("paragraph"),
    )
    finance_table = FinanceTableBlock()
