"""Read-only queries for charity pages, each a fixed number of queries."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.paginator import Paginator
from django.db.models import (
    Count,
    DecimalField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from charity import schedule
from charity.models import (
    ZERO,
    Donation,
    Expenditure,
    Need,
    NeedPledge,
    Organisation,
    Project,
    Report,
)

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


# ---------------------------------------------------------------------------
# Project list filters
# ---------------------------------------------------------------------------
def filter_projects(projects: QuerySet, params: Any) -> tuple[QuerySet, dict[str, str]]:
    """Apply the list's filters (status, area, organisation, paired assistance)."""
    chosen = {
        "status": params.get("status", ""),
        "area": (params.get("area", "") or "").strip(),
        "organisation": params.get("organisation", ""),
        "paired": params.get("paired", ""),
    }
    if chosen["status"] in (Project.Status.PUBLIC, Project.Status.CLOSED):
        projects = projects.filter(status=chosen["status"])
    else:
        chosen["status"] = ""
    if chosen["area"]:
        projects = projects.filter(area__icontains=chosen["area"][:100])
    if chosen["organisation"].isdigit():
        projects = projects.filter(organisation_id=int(chosen["organisation"]))
    else:
        chosen["organisation"] = ""
    if chosen["paired"] == "yes":
        projects = projects.exclude(paired_region="")
    elif chosen["paired"] == "no":
        projects = projects.filter(paired_region="")
    else:
        chosen["paired"] = ""
    return projects, chosen


def organisations_with_public_projects(community: Any) -> list[Organisation]:
    return list(
        Organisation.objects.filter(
            community=community,
            projects__status__in=[Project.Status.PUBLIC, Project.Status.CLOSED],
        )
        .distinct()
        .order_by("name")
    )


# ---------------------------------------------------------------------------
# Reports
# ---------------------------------------------------------------------------
def reports_of(project: Project) -> list[Report]:
    return list(
        Report.objects.filter(project=project)
        .prefetch_related("attachments")
        .order_by("-filed_at", "-pk")
    )


def overseen_communities(user: Any) -> QuerySet:
    """Communities whose overdue reports the person may see (two queries at most)."""
    from communities.models import Community, Role, RoleGrant
    from communities.rules import is_platform_admin, overseen_region_ids

    if not getattr(user, "is_authenticated", False):
        return Community.objects.none()
    if is_platform_admin(user):
        return Community.objects.all()
    from accounts.mfa import has_totp

    committee = []
    if has_totp(user):
        committee = list(
            RoleGrant.objects.active()
            .filter(user=user, role=Role.COMMITTEE, community__isnull=False)
            .values_list("community_id", flat=True)
        )
    regions = overseen_region_ids(user)
    return Community.objects.filter(
        Q(pk__in=committee)
        | Q(street_id__in=regions)
        | Q(street__parent_id__in=regions)
    )


def overdue_reports(
    communities: QuerySet, on: datetime.date | None = None
) -> list[dict[str, Any]]:
    """Missing reports past their due date in these communities: two queries."""
    on = on or timezone.localdate()
    projects = list(
        Project.objects.filter(
            community__in=communities, status__in=schedule.OWING_STATUSES
        )
        .select_related("community", "organisation")
        .order_by("community__name", "ends_on", "pk")
    )
    reports: dict[int, list[Report]] = {}
    for report in Report.objects.filter(
        project__in=[p.pk for p in projects],
        kind__in=[Report.Kind.PROGRESS, Report.Kind.FINAL],
    ).only("project_id", "kind", "sequence", "filed_at"):
        reports.setdefault(report.project_id, []).append(report)
    rows = []
    for project in projects:
        for due in schedule.overdue(project, reports.get(project.pk, []), on):
            rows.append(
                {"project": project, "due": due, "days": (on - due.due_on).days}
            )
    return rows


def public_project_count(communities: QuerySet) -> int:
    return Project.objects.filter(
        community__in=communities,
        status__in=[Project.Status.PUBLIC, Project.Status.CLOSED],
    ).count()


def overdue_counts(
    communities: QuerySet, on: datetime.date | None = None
) -> dict[int, int]:
    counts: dict[int, int] = {}
    for row in overdue_reports(communities, on):
        counts[row["project"].community_id] = (
            counts.get(row["project"].community_id, 0) + 1
        )
    return counts


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


def region_totals(region: Any) -> dict[str, Any]:
    """Public projects' totals per community and per paired-assistance region.

    Seven queries whatever the number of communities, projects or entries.
    """
    from communities.models import Community

    communities = list(
        Community.objects.in_region(region)
        .select_related("street")
        .order_by("street__name", "name")
    )
    projects = Project.objects.filter(
        community__in=[c.pk for c in communities],
        status__in=[Project.Status.PUBLIC, Project.Status.CLOSED],
    )

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
    paired = projects.exclude(paired_region="")
    by_region = _money_by("paired_region", paired)
    region_rows = [row(name, name, *by_region) for name in sorted(by_region[2])]

    def total(rows: list[dict]) -> dict[str, Any]:
        return {
            key: sum((r[key] for r in rows), ZERO if key != "projects" else 0)
            for key in ("projects", "goal", "received", "spent", "balance")
        }

    return {
        "communities": community_rows,
        "community_total": total(community_rows),
        "paired_regions": region_rows,
        "paired_total": total(region_rows),
    }


# ---------------------------------------------------------------------------
# Needs
# ---------------------------------------------------------------------------
def with_coverage(needs: QuerySet) -> QuerySet:
    """Annotate delivered and pledged quantities: part of the same query."""
    return needs.annotate(
        delivered=Coalesce(
            Sum(
                "pledges__quantity",
                filter=Q(pledges__status=NeedPledge.Status.DELIVERED),
            ),
            Value(0),
            output_field=IntegerField(),
        ),
        pledged=Coalesce(
            Sum(
                "pledges__quantity",
                filter=Q(pledges__status=NeedPledge.Status.PLEDGED),
            ),
            Value(0),
            output_field=IntegerField(),
        ),
    )


def covered(needs: list[Need]) -> list[Need]:
    """Covered, missing and surplus for annotated needs (percent for the bar)."""
    for need in needs:
        need.covered = need.delivered + need.pledged
        need.missing = max(0, need.quantity - need.covered)
        need.surplus = max(0, need.covered - need.quantity)
        need.progress = min(100, int(need.covered * 100 / need.quantity))
        need.delivered_progress = min(100, int(need.delivered * 100 / need.quantity))
    return needs


def community_needs(community: Any, *, open_only: bool = False) -> list[Need]:
    needs = Need.objects.filter(community=community)
    if open_only:
        needs = needs.filter(status=Need.Status.OPEN)
    return covered(list(with_coverage(needs).order_by("status", "needed_by", "pk")))
