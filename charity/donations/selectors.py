"""Reads of donations: the public ledger and its totals, a donor's own
donations, the pledges waiting for a manager, and region totals. Each a fixed
number of queries whatever the number of entries.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from charity.donations.models import Donation
from charity.projects.models import ZERO, Project
from charity.projects.selectors import (
    CENT,
    listed_projects,
    progress_percent,
    with_totals,
)
from charity.reports.models import Expenditure
from communities import pagination
from communities.models import Community

LEDGER_PAGE_SIZE = 100


def ledger_totals(project: Project) -> dict[str, Decimal]:
    """Received (confirmed money), goods value, spent and balance: one query."""
    row = with_totals(Project.objects.filter(pk=project.pk)).values(
        "raised", "goods_value", "spent"
    )[0]
    received = Decimal(row["raised"]).quantize(CENT)
    spent = Decimal(row["spent"]).quantize(CENT)
    return {
        "received": received,
        "goods_value": Decimal(row["goods_value"]).quantize(CENT),
        "spent": spent,
        "balance": received - spent,
    }


def ledger(project: Project) -> dict[str, Any]:
    """Every confirmed donation and expenditure and the reconciled totals (CSV)."""
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


def ledger_page(project: Project, params: Any) -> dict[str, Any]:
    """The public ledger a page at a time; totals always over every row.

    Fixed queries whatever the number of entries: the totals, and a count and a
    slice for each of money donations, goods donations and expenditures.
    """
    confirmed = (
        Donation.objects.filter(project=project)
        .confirmed()
        .order_by("confirmed_at", "pk")
    )

    def page(queryset: QuerySet, name: str) -> Any:
        return Paginator(queryset, LEDGER_PAGE_SIZE).get_page(params.get(name))

    return {
        **ledger_totals(project),
        "money_page": page(confirmed.filter(kind=Donation.Kind.MONEY), "money"),
        "goods_page": page(confirmed.filter(kind=Donation.Kind.GOODS), "goods"),
        "spending_page": page(
            Expenditure.objects.filter(project=project).order_by("spent_on", "pk"),
            "spending",
        ),
    }


def money_totals(project: Project) -> dict[str, Decimal]:
    """Received (confirmed money), spent and balance, summed from the rows."""
    received = (
        Donation.objects.filter(project=project)
        .confirmed()
        .money()
        .aggregate(total=Sum("amount"))["total"]
        or ZERO
    )
    spent = (
        Expenditure.objects.filter(project=project).aggregate(total=Sum("amount"))[
            "total"
        ]
        or ZERO
    )
    return {"received": received, "spent": spent, "balance": received - spent}


def donations_of(user: Any) -> QuerySet:
    """A person's own pledges and donations, newest first."""
    return (
        Donation.objects.filter(donor=user)
        .select_related("project__community")
        .order_by("-created_at", "-pk")
    )


def pending_pledges(project: Project) -> QuerySet:
    """Pledges waiting for the money, oldest first, for the managers' page (a
    page of them at a time)."""
    return (
        project.donations.filter(status=Donation.Status.PLEDGED)
        .select_related("donor")
        .order_by("created_at", "pk")
    )


# ---------------------------------------------------------------------------
# Region totals (per community and per paired-assistance region)
# ---------------------------------------------------------------------------
def _money_by(field: str, projects: QuerySet) -> tuple[dict, dict, dict]:
    raised = dict(
        Donation.objects.filter(
            project__in=projects,
            status=Donation.Status.CONFIRMED,
            kind=Donation.Kind.MONEY,
        )
        .values_list(f"project__{field}")
        .annotate(total=Sum("amount"))
        .order_by()
        .values_list(f"project__{field}", "total")
    )
    spent = dict(
        Expenditure.objects.filter(project__in=projects)
        .values_list(f"project__{field}")
        .annotate(total=Sum("amount"))
        .order_by()
        .values_list(f"project__{field}", "total")
    )
    counted = {
        row[field]: row
        for row in projects.values(field)
        .annotate(projects=Count("pk"), goal=Sum("goal_amount"))
        .order_by()
    }
    return raised, spent, counted


def _money_total(projects: QuerySet) -> dict[str, Any]:
    """Projects, goal, received, spent and balance over these projects: three
    queries however many communities they belong to."""
    received = (
        Donation.objects.filter(
            project__in=projects,
            status=Donation.Status.CONFIRMED,
            kind=Donation.Kind.MONEY,
        ).aggregate(total=Sum("amount"))["total"]
        or ZERO
    )
    spent = (
        Expenditure.objects.filter(project__in=projects).aggregate(total=Sum("amount"))[
            "total"
        ]
        or ZERO
    )
    counted = projects.aggregate(projects=Count("pk"), goal=Sum("goal_amount"))
    received, spent = Decimal(received).quantize(CENT), Decimal(spent).quantize(CENT)
    return {
        "projects": counted["projects"],
        "goal": Decimal(counted["goal"] or ZERO).quantize(CENT),
        "received": received,
        "spent": spent,
        "balance": received - spent,
    }


def region_totals(region: Any, number: Any = None) -> dict[str, Any]:
    """Public projects' totals per community and per paired-assistance region.

    The communities come one page at a time (`number`, as `?page=`: a city
    district has thousands); the totals stay whole. Thirteen queries whatever the
    number of communities, projects or entries.
    """
    in_region = Community.objects.in_region(region)
    page = Paginator(
        in_region.select_related("street").order_by("street__name", "name", "pk"),
        pagination.PER_PAGE,
    ).get_page(number)
    communities = list(page.object_list)
    projects = listed_projects([c.pk for c in communities])
    every = listed_projects(in_region)

    def row(key: Any, name: str, raised: dict, spent: dict, counted: dict) -> dict:
        received = Decimal(raised.get(key) or ZERO).quantize(CENT)
        out = Decimal(spent.get(key) or ZERO).quantize(CENT)
        goal = Decimal((counted.get(key) or {}).get("goal") or ZERO).quantize(CENT)
        return {
            "key": key,
            "name": name,
            "projects": (counted.get(key) or {}).get("projects", 0),
            "goal": goal,
            "received": received,
            "spent": out,
            "balance": received - out,
            "progress": progress_percent(received, goal),
        }

    by_community = _money_by("community_id", projects)
    community_rows = [row(c.pk, c.name, *by_community) for c in communities]
    for community, entry in zip(communities, community_rows, strict=True):
        entry["community"] = community
    page.object_list = community_rows
    paired = every.exclude(paired_region="")
    by_region = _money_by("paired_region", paired)
    region_rows = [row(name, name, *by_region) for name in sorted(by_region[2])]

    def total(rows: list[dict]) -> dict[str, Any]:
        return {
            key: sum((r[key] for r in rows), ZERO if key != "projects" else 0)
            for key in ("projects", "goal", "received", "spent", "balance")
        }

    return {
        "communities": page,
        "community_total": _money_total(every),
        "paired_regions": region_rows,
        "paired_total": total(region_rows),
    }


def pledge_counts(communities: Any) -> dict[int, tuple[int, int]]:
    """{community pk: (pledges waiting for the money, of which lapsing within a
    day)}: one query (the work desk)."""
    soon = timezone.now() + timedelta(days=1)
    rows = (
        Donation.objects.filter(
            project__community__in=communities, status=Donation.Status.PLEDGED
        )
        .values("project__community_id")
        .annotate(n=Count("pk"), soon=Count("pk", filter=Q(lapses_at__lt=soon)))
    )
    return {row["project__community_id"]: (row["n"], row["soon"]) for row in rows}
