"""Reads of role grants: who holds a role (`role_holders`, the one selector for
it), the grants pages' lists, and the per-request grant cache every role
predicate reads."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from accounts.mfa import has_totp
from communities.membership.selectors import MEMBERSHIPS_CACHE
from communities.regions.models import Community, Region
from communities.roles.models import MFA_REQUIRED_ROLES, Role, RoleGrant

GRANTS_CACHE = "_gz_role_grants"


def grants_in_force(user: Any) -> list[tuple[str, int | None, int | None]]:
    """(role, community id, region id) of the person's grants in force today; one
    query per request, cached on the user object like `has_totp`."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, GRANTS_CACHE, None)
    if cached is None:
        cached = list(
            RoleGrant.objects.active()
            .filter(user=user)
            .values_list("role", "community_id", "region_id")
        )
        setattr(user, GRANTS_CACHE, cached)
    return cached


def forget_cached_roles(user: Any) -> None:
    """Drop the cached grants and memberships (services call this after a change)."""
    for attribute in (GRANTS_CACHE, MEMBERSHIPS_CACHE):
        if hasattr(user, attribute):
            delattr(user, attribute)


def role_counts(user: Any, role: str) -> bool:
    """A role needing 2FA counts only when the person has TOTP."""
    return role not in MFA_REQUIRED_ROLES or has_totp(user)


def holds_role(user: Any, role: str) -> bool:
    """Whether any grant of this role is in force (for granters without an object)."""
    held = any(r == role for r, _c, _g in grants_in_force(user))
    return held and role_counts(user, role)


def is_platform_admin_user(user: Any) -> bool:
    """A superuser or holder of a platform admin grant, with TOTP."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return has_totp(user)
    return holds_role(user, Role.PLATFORM_ADMIN)


def active_grants_of(user) -> QuerySet[RoleGrant]:
    return (
        RoleGrant.objects.active()
        .filter(user=user)
        .select_related("community", "region")
        .order_by("role")
    )


def community_grants(community: Community) -> QuerySet[RoleGrant]:
    return (
        RoleGrant.objects.active()
        .filter(community=community)
        .select_related("user", "granted_by")
        .order_by("role", "user__display_name")
    )


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
