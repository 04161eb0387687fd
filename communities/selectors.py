"""Reads that span relations: what the portal and community pages list."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from communities.models import Community, Membership, Region, RoleGrant


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


def memberships_of(user) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("community", "household")


def active_grants_of(user) -> QuerySet[RoleGrant]:
    return (
        RoleGrant.objects.active()
        .filter(user=user)
        .select_related("community", "region")
        .order_by("role")
    )


def pending_requests(community: Community) -> QuerySet[Membership]:
    return (
        Membership.objects.pending()
        .filter(community=community)
        .select_related("user", "household")
        .order_by("requested_at")
    )


def community_grants(community: Community) -> QuerySet[RoleGrant]:
    return (
        RoleGrant.objects.active()
        .filter(community=community)
        .select_related("user", "granted_by")
        .order_by("role", "user__display_name")
    )
