"""Every model of communities, imported from its concern so Django and the
migrations find them, and re-exported: other apps import these names from
`communities.models`.

- `communities.regions`: Region, Community, CommunitySettings, Grid, and the
  portal and community home pages (Wagtail);
- `communities.membership`: Household, Membership;
- `communities.roles`: Role, RoleGrant and the role sets;
- `communities.oversight`: RegionFigures (precomputed dashboard totals).
"""

from __future__ import annotations

from communities.membership.models import Household, Membership
from communities.oversight.models import RegionFigures
from communities.regions.models import Community, CommunitySettings, Grid, Region
from communities.regions.pages import CommunityHomePage, PortalHomePage
from communities.roles.models import (
    COMMUNITY_ROLES,
    MFA_REQUIRED_ROLES,
    REGION_ROLES,
    Role,
    RoleGrant,
)

__all__ = [
    "COMMUNITY_ROLES",
    "MFA_REQUIRED_ROLES",
    "REGION_ROLES",
    "Community",
    "CommunityHomePage",
    "CommunitySettings",
    "Grid",
    "Household",
    "Membership",
    "PortalHomePage",
    "Region",
    "RegionFigures",
    "Role",
    "RoleGrant",
]
