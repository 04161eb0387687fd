"""Reads of projects for the lists and pages: totals annotated in the same query."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import DecimalField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse

from charity.donations.models import Donation
from charity.organisations.models import Organisation
from charity.projects.models import ZERO, Project
from charity.reports.models import Expenditure

MONEY = DecimalField(max_digits=16, decimal_places=2)
CENT = Decimal("0.01")
LISTED_STATUSES = (Project.Status.PUBLIC, Project.Status.CLOSED)


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


def listed_projects(communities: Any) -> QuerySet:
    """Public and closed projects of these communities."""
    return Project.objects.filter(community__in=communities, status__in=LISTED_STATUSES)


def public_projects(community: Any) -> QuerySet:
    return with_totals(
        Project.objects.filter(
            community=community, status__in=LISTED_STATUSES
        ).select_related("organisation")
    )


def community_projects(community: Any) -> QuerySet:
    """Every project of the community, drafts too (the managers' list)."""
    return with_totals(
        Project.objects.filter(community=community).select_related("organisation")
    )


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


def filter_projects(projects: QuerySet, params: Any) -> tuple[QuerySet, dict[str, str]]:
    """Apply the list's filters (status, area, organisation, paired assistance)."""
    chosen = {
        "status": params.get("status", ""),
        "area": (params.get("area", "") or "").strip(),
        "organisation": params.get("organisation", ""),
        "paired": params.get("paired", ""),
    }
    if chosen["status"] in LISTED_STATUSES:
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
            community=community, projects__status__in=LISTED_STATUSES
        )
        .distinct()
        .order_by("name")
    )


def public_project_count(communities: Any) -> int:
    return listed_projects(communities).count()


def is_following(user: Any, project: Project) -> bool:
    return user.is_authenticated and project.follows.filter(user=user).exists()


def followers(project: Project) -> list[Any]:
    return [f.user for f in project.follows.select_related("user")]


def search_document(project: Project) -> dict[str, Any] | None:
    """What the site search shows of a charity project (public or closed ones)."""
    if project.status == Project.Status.DRAFT:
        return None
    return {
        "community": project.community,
        "title": project.title,
        "text": " ".join((project.purpose, project.beneficiaries, project.area)),
        "url": reverse("charity:project", args=[project.community.slug, project.pk]),
        "published_at": project.created_at,
    }


def paired_region_totals(tags: list[str]) -> dict[str, dict[str, Any]]:
    """Public selector for the pairing app: per paired-region tag (the text a
    project stores in `paired_region`), its public and closed projects (title,
    link, organisation, totals), the money raised and spent, the goods received
    and the organisations that took part. One query, whatever the data."""
    projects = listed(
        with_totals(
            Project.objects.filter(
                paired_region__in=list(tags), status__in=LISTED_STATUSES
            )
            .select_related("organisation", "community")
            .order_by("-pk")
        )
    )
    out = {
        tag: {
            "projects": [],
            "raised": ZERO,
            "spent": ZERO,
            "goods_value": ZERO,
            "organisations": [],
        }
        for tag in tags
    }
    for project in projects:
        entry = out[project.paired_region]
        project.url = reverse(
            "charity:project", args=[project.community.slug, project.pk]
        )
        entry["projects"].append(project)
        entry["raised"] += project.raised
        entry["spent"] += project.spent
        entry["goods_value"] += project.goods_value
        if project.organisation not in entry["organisations"]:
            entry["organisations"].append(project.organisation)
    return out


def open_projects(community: Any, limit: int) -> list[Project]:
    """The community's public projects, newest first, with their totals."""
    return list(
        with_totals(
            Project.objects.filter(community=community, status=Project.Status.PUBLIC)
        ).order_by("-published_on", "-pk")[:limit]
    )
