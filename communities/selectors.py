"""Reads that span relations: what the portal and community pages list."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet

from communities.models import Community, Household, Membership, Region, Role, RoleGrant


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


def households_with_residents(community: Community) -> QuerySet[Household]:
    """The community's households that have verified residents, residents prefetched.

    Each household gets `residents`: its verified memberships with their people,
    so a page of households costs two queries whatever its size.
    """
    return (
        Household.objects.filter(
            community=community, memberships__status=Membership.Status.VERIFIED
        )
        .distinct()
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.verified()
                .select_related("user")
                .order_by("-is_representative", "user__display_name", "pk"),
                to_attr="residents",
            )
        )
    )


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


def region_grants(region: Region) -> QuerySet[RoleGrant]:
    """Officer grants in force for one street/town or district."""
    return (
        RoleGrant.objects.active()
        .filter(region=region)
        .select_related("user", "granted_by")
        .order_by("role", "user__display_name")
    )


def platform_grants() -> QuerySet[RoleGrant]:
    """Platform admin grants in force."""
    return (
        RoleGrant.objects.active()
        .filter(role=Role.PLATFORM_ADMIN)
        .select_related("user", "granted_by")
        .order_by("user__display_name")
    )


def oversight_of(user) -> dict | None:
    """What an officer or platform admin oversees, for links on the portal home page.

    None for everyone else (and for officers without TOTP, whose grants do not
    count yet). Costs a query or two beyond the cached grants, whatever the size.
    """
    from communities.rules import is_platform_admin, overseen_region_ids

    if not getattr(user, "is_authenticated", False):
        return None
    regions = regions_by_id(overseen_region_ids(user))
    platform = is_platform_admin(user)
    if platform:
        # Platform admins oversee every district: list those too (one query).
        known = {region.pk for region in regions}
        regions = [d for d in districts() if d.pk not in known] + regions
    if not regions and not platform:
        return None
    return {"regions": regions, "platform": platform}


def overseen_communities(user) -> QuerySet[Community]:
    """The communities whose dashboards and oversight lists the person may see.

    A lazy queryset built from the cached grants: committee and supervision members
    their community, street officers their streets' communities, district officers
    their districts', platform admins all. Matches `communities.view_dashboard`.
    """
    from communities.rules import overseen_community_filter

    if not getattr(user, "is_authenticated", False):
        return Community.objects.none()
    scope = overseen_community_filter(user)
    if scope is None:
        return Community.objects.all()
    if not any(scope.values()):
        return Community.objects.none()
    return Community.objects.filter(
        Q(pk__in=scope["ids"])
        | Q(street_id__in=scope["streets"])
        | Q(street__parent_id__in=scope["districts"])
    )


def role_holders(
    *,
    roles: Iterable[str],
    community: Community | int | None = None,
    communities: Iterable[int] | None = None,
    region: Region | int | None = None,
    on: datetime.date | None = None,
) -> QuerySet:
    """Active people holding one of `roles` in force on a day (today by default).

    Scope by one community, several community ids or a region (street or district);
    with no scope, anywhere. The one selector for "who holds this role".
    """
    grants = RoleGrant.objects.active(on).filter(role__in=list(roles))
    if community is not None:
        grants = grants.filter(community=community)
    if communities is not None:
        grants = grants.filter(community_id__in=list(communities))
    if region is not None:
        grants = grants.filter(region=region)
    return get_user_model().objects.filter(
        pk__in=grants.values("user_id"), is_active=True
    )


def committee_members(community: Community | int) -> QuerySet:
    """People holding a committee grant in force for the community."""
    return role_holders(roles=[Role.COMMITTEE], community=community)


def verified_residents(community: Community | int) -> QuerySet:
    """Active people with a verified membership of the community."""
    return get_user_model().objects.filter(
        pk__in=Membership.objects.filter(
            community=community, status=Membership.Status.VERIFIED
        ).values("user_id"),
        is_active=True,
    )
