"""The communities selectors other apps read through (a foundation module: it
re-exports the concerns' selectors under their old names and holds none itself).

Who holds a role is `role_holders` (and `committee_members`); verified residents
are `verified_residents`; what a person oversees is `overseen_communities`.
"""

from __future__ import annotations

from communities.membership.selectors import (
    households_with_residents,
    memberships_of,
    pending_requests,
    verified_residents,
)
from communities.oversight.selectors import (
    overseen_communities,
    overseen_community_filter,
    overseen_region_ids,
    oversight_of,
)
from communities.regions.selectors import (
    community_stats,
    district_streets,
    districts,
    portal_streets,
    region_communities,
    regions_by_id,
    search_communities,
)
from communities.roles.selectors import (
    active_grants_of,
    committee_members,
    community_grants,
    platform_grants,
    region_grants,
    role_holders,
)

__all__ = [
    "active_grants_of",
    "committee_members",
    "community_grants",
    "community_stats",
    "district_streets",
    "districts",
    "households_with_residents",
    "memberships_of",
    "overseen_communities",
    "overseen_community_filter",
    "overseen_region_ids",
    "oversight_of",
    "pending_requests",
    "platform_grants",
    "portal_streets",
    "region_communities",
    "region_grants",
    "regions_by_id",
    "role_holders",
    "search_communities",
    "verified_residents",
]
