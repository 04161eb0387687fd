"""Reads of the administrative tree: what the portal, the community home pages and
the officers' region pages list."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet

from communities.membership.models import Membership
from communities.regions.models import Community, Region


def community_of(obj: Any) -> Community | None:
    """Predicates accept a community or anything with a `community` attribute."""
    if isinstance(obj, Community):
        return obj
    community = getattr(obj, "community", None)
    return community if isinstance(community, Community) else None


def portal_streets() -> QuerySet[Region]:
    """Streets and towns with their communities, in two queries whatever the size."""
    return (
        Region.objects.exclude(kind=Region.Kind.DISTRICT)
        .select_related("parent")
        .prefetch_related(
            Prefetch(
                "communities",
                queryset=Community.objects.only(
                    "id", "name", "slug", "kind", "street_id"
                ).order_by("name"),
            )
        )
        .order_by("parent__name", "name")
    )


def search_communities(text: str, *, limit: int = 50) -> list[Community]:
    """Communities whose name (or street's name) contains the text."""
    return list(
        Community.objects.search(text).select_related("street").order_by("name")[:limit]
    )


def community_stats(community: Community) -> dict[str, int]:
    """Public numbers on a community's home page: two aggregate queries at any size."""
    verified = Membership.objects.filter(
        community=community, status=Membership.Status.VERIFIED
    )
    return {
        "residents": verified.count(),
        "households": verified.values("household").distinct().count(),
    }


def region_communities(region: Region) -> list[Community]:
    """The communities of a street, or of every street of a district, in one query.

    Each carries `pending_count` (join requests waiting for the committee) and
    `resident_count` (verified residents), so officers see where requests wait.
    """
    return list(
        Community.objects.in_region(region)
        .select_related("street")
        .annotate(
            pending_count=Count(
                "memberships",
                filter=Q(memberships__status=Membership.Status.PENDING),
            ),
            resident_count=Count(
                "memberships",
                filter=Q(memberships__status=Membership.Status.VERIFIED),
            ),
        )
        .order_by("street__name", "name")
    )


COMMUNITIES_PER_PAGE = 50
# The oversight dashboard's table has about 60 figures per community: 20 rows a
# page keep a district's page fast (issue 16).
DASHBOARD_COMMUNITIES_PER_PAGE = 20


def region_community_page(region: Region, number: Any) -> Page:
    """One page of a region's communities, annotated like `region_communities`,
    in three queries whatever the region's size (count, the page's ids, their
    figures): a city district has thousands."""
    ordered = (
        Community.objects.in_region(region)
        .order_by("street__name", "name", "pk")
        .values_list("pk", flat=True)
    )
    page = Paginator(ordered, COMMUNITIES_PER_PAGE).get_page(number)
    ids = list(page.object_list)
    annotated = {
        c.pk: c
        for c in Community.objects.filter(pk__in=ids)
        .select_related("street")
        .annotate(
            pending_count=Count(
                "memberships",
                filter=Q(memberships__status=Membership.Status.PENDING),
            ),
            resident_count=Count(
                "memberships",
                filter=Q(memberships__status=Membership.Status.VERIFIED),
            ),
        )
    }
    page.object_list = [annotated[pk] for pk in ids if pk in annotated]
    return page


def region_pending_total(region: Region) -> int:
    """Join requests waiting in all of a region's communities (one query)."""
    return Membership.objects.filter(
        community__in=Community.objects.in_region(region),
        status=Membership.Status.PENDING,
    ).count()


def district_streets_with_counts(district: Region) -> list[Region]:
    """A district's streets by name, each with `community_count` (one query)."""
    return list(
        Region.objects.filter(parent=district)
        .annotate(community_count=Count("communities"))
        .order_by("name")
    )


def district_streets(district: Region) -> list[Region]:
    """The streets and towns of a district, by name."""
    return list(Region.objects.filter(parent=district).order_by("name"))


def regions_by_id(ids: list[int]) -> list[Region]:
    """Regions (with their district) in a stable order: districts first, then by name."""
    if not ids:
        return []
    regions = Region.objects.filter(pk__in=ids).select_related("parent")
    return sorted(regions, key=lambda r: (not r.is_district, r.name))


def districts() -> list[Region]:
    return list(Region.objects.filter(kind=Region.Kind.DISTRICT).order_by("name"))
