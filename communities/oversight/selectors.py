"""Reads of what a person oversees: the regions and communities behind the
officers' pages and the dashboards, from the cached grants."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from communities.oversight.navigation import (
    grant_link,
    linked_roles,
    personal_links_of,
)
from communities.regions.models import Community
from communities.regions.selectors import districts, regions_by_id
from communities.roles.models import Role
from communities.roles.selectors import (
    active_grants_of,
    grants_in_force,
    is_platform_admin_user,
    role_counts,
)


def overseen_region_ids(user: Any) -> list[int]:
    """Regions the person is an officer of (grants in force, TOTP set up).

    Read from the cached grants, so it costs no query beyond the predicates'.
    """
    return sorted(
        {
            region_id
            for role, _c, region_id in grants_in_force(user)
            if region_id is not None
            and role in (Role.STREET_OFFICER, Role.DISTRICT_OFFICER)
            and role_counts(user, role)
        }
    )


def overseen_community_filter(user: Any) -> dict[str, Any] | None:
    """What the person may see on dashboards, from the cached grants (no query).

    None: every community (platform admins). Otherwise {"ids", "streets",
    "districts"}: communities by id, by street/town, by district.
    """
    if is_platform_admin_user(user):
        return None
    ids, streets, districts_ = set(), set(), set()
    for role, community_id, region_id in grants_in_force(user):
        if not role_counts(user, role):
            continue
        if role in (Role.COMMITTEE, Role.SUPERVISION) and community_id:
            ids.add(community_id)
        elif role == Role.STREET_OFFICER and region_id:
            streets.add(region_id)
        elif role == Role.DISTRICT_OFFICER and region_id:
            districts_.add(region_id)
    return {"ids": ids, "streets": streets, "districts": districts_}


def oversight_of(user) -> dict | None:
    """What an officer or platform admin oversees, for links on the portal home page.

    None for everyone else (and for officers without TOTP, whose grants do not
    count yet). Costs a query or two beyond the cached grants, whatever the size.
    """
    if not getattr(user, "is_authenticated", False):
        return None
    regions = regions_by_id(overseen_region_ids(user))
    platform = is_platform_admin_user(user)
    if platform:
        # Platform admins oversee every district: list those too (one query).
        known = {region.pk for region in regions}
        regions = [d for d in districts() if d.pk not in known] + regions
    links = grant_links_of(user)
    if not regions and not platform and not links:
        return None
    return {"regions": regions, "platform": platform, "links": links}


def grant_links_of(user) -> list[dict[str, Any]]:
    """Where the person's grants of roles with a registered link lead (assistance
    officers to their case lists; one query, only for holders of such roles), and
    their posts registered with `register_personal_links` (liaison officers)."""
    roles = linked_roles()
    held = {
        role
        for role, _c, _r in grants_in_force(user)
        if role in roles and role_counts(user, role)
    }
    links = personal_links_of(user)
    if not held:
        return links
    for grant in active_grants_of(user).filter(role__in=held):
        link = grant_link(grant)
        links.append(
            {
                "label": link.label,
                "where": grant.community or grant.region,
                "url": link.url(grant),
            }
        )
    return links


def overseen_communities(user) -> QuerySet[Community]:
    """The communities whose dashboards and oversight lists the person may see.

    A lazy queryset built from the cached grants: committee and supervision members
    their community, street officers their streets' communities, district officers
    their districts', platform admins all. Matches `communities.view_dashboard`.
    """
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
