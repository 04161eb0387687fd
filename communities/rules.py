"""Who may do what in communities: loads each concern's predicates and
permissions (so django-rules' autodiscovery finds them) and re-exports the shared
role predicates other apps check, under their old names.

Roles come from residency (`communities.membership.rules`: verified resident,
household representative) and from explicit role grants in force today
(`communities.roles.rules`); the oversight permissions are in
`communities.oversight.rules`, the community's own in `communities.regions.rules`.
Each predicate reads at most one query per request for the person's grants and one
for their memberships (the selectors cache both on the user object). The table of
which role holds which permission is in docs/permissions.md.
"""

from __future__ import annotations

from communities.desk import rules as _desk_rules  # noqa: F401  (its permission)
from communities.membership.rules import (
    has_open_membership,
    is_household_representative,
    is_verified_resident,
)
from communities.membership.selectors import MEMBERSHIPS_CACHE
from communities.oversight.rules import is_overseer
from communities.oversight.selectors import (
    overseen_community_filter,
    overseen_region_ids,
)
from communities.regions import rules as _regions_rules  # noqa: F401  (its permissions)
from communities.roles.rules import (
    can_grant,
    grantable_roles,
    is_charity_manager,
    is_committee_member,
    is_coordinator,
    is_district_officer_for,
    is_officer_above,
    is_platform_admin,
    is_region,
    is_street_officer_for,
    is_supervision_member,
    may_grant_some_role,
    refused_for_missing_mfa,
)
from communities.roles.selectors import (
    GRANTS_CACHE,
    forget_cached_roles,
)

__all__ = [
    "GRANTS_CACHE",
    "MEMBERSHIPS_CACHE",
    "can_grant",
    "forget_cached_roles",
    "grantable_roles",
    "has_open_membership",
    "is_charity_manager",
    "is_committee_member",
    "is_coordinator",
    "is_district_officer_for",
    "is_household_representative",
    "is_officer_above",
    "is_overseer",
    "is_platform_admin",
    "is_region",
    "is_street_officer_for",
    "is_supervision_member",
    "is_verified_resident",
    "may_grant_some_role",
    "overseen_community_filter",
    "overseen_region_ids",
    "refused_for_missing_mfa",
]
