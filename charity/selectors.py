"""Read-only queries for charity pages, each a fixed number of queries."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import DecimalField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from charity.models import ZERO, Donation, Expenditure, Project

MONEY = DecimalField(max_digits=16, decimal_places=2)


def _sum_of(queryset: QuerySet, field: str) -> Coalesce:
    total = (
        queryset.order_by().values("project").annotate(total=Sum(field)).values("total")
    )
    return Coalesce(
        Subquery(total, output_field=MONEY), Value(ZERO), output_field=MONEY
    )


def with_totals(projects: QuerySet) -> QuerySet:
    """Annotate raised (confirmed money), goods value and spent: one query in all."""
    confirmed = Donation.objects.filter(
        project=OuterRef("pk"), status=Donation.Status.CONFIRMED
    )
    return projects.annotate(
        raised=_sum_of(confirmed.filter(kind=Donation.Kind.MONEY), "amount"),
        goods_value=_sum_of(
            confirmed.filter(kind=Donation.Kind.GOODS), "estimated_value"
        ),
        spent=_sum_of(Expenditure.objects.filter(project=OuterRef("pk")), "amount"),
    )


def public_projects(community: Any) -> QuerySet:
    return with_totals(
        Project.objects.filter(
            community=community,
            status__in=[Project.Status.PUBLIC, Project.Status.CLOSED],
        ).select_related("organisation")
    )


CENT = Decimal("0.01")


def progress_percent(raised: Decimal, goal: Decimal) -> int:
    if not goal:
        return 0
    return max(0, min(100, int(raised * 100 / goal)))


def listed(projects: QuerySet) -> list[Project]:
    """Evaluate annotated projects: totals to the cent, progress in percent."""
    rows = list(projects)
    for project in rows:
        project.raised = Decimal(project.raised).quantize(CENT)
        project.goods_value = Decimal(project.goods_value).quantize(CENT)
        project.spent = Decimal(project.spent).quantize(CENT)
        project.progress = progress_percent(project.raised, project.goal_amount)
    return rows


def ledger(project: Project) -> dict[str, Any]:
    """Confirmed donations, expenditures and the reconciled totals."""
    donations = list(
        Donation.objects.filter(project=project)
        .confirmed()
        .order_by("confirmed_at", "pk")
    )
    expenditures = list(Expenditure.objects.filter(project=project))
    received = sum((d.amount for d in donations if d.kind == Donation.Kind.MONEY), ZERO)
    goods_value = sum(
        (d.estimated_value for d in donations if d.kind == Donation.Kind.GOODS), ZERO
    )
    spent = sum((e.amount for e in expenditures), ZERO)
    return {
        "money_donations": [d for d in donations if d.kind == Donation.Kind.MONEY],
        "goods_donations": [d for d in donations if d.kind == Donation.Kind.GOODS],
        "expenditures": expenditures,
        "received": received,
        "goods_value": goods_value,
        "spent": spent,
        "balance": received - spent,
    }
