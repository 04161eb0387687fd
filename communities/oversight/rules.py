"""Who oversees a community or a region: its dashboards, the officers' region
pages and the community's audit log."""

from __future__ import annotations

import rules

from communities.roles.rules import (
    is_committee_member,
    is_district_officer_for,
    is_officer_above,
    is_platform_admin,
    is_region,
    is_street_officer_for,
    is_supervision_member,
)

rules.add_perm(
    "communities.view_region",
    is_region & (is_street_officer_for | is_district_officer_for | is_platform_admin),
)
rules.add_perm(
    "communities.view_audit_log",
    is_committee_member | is_supervision_member | is_officer_above | is_platform_admin,
)

# The community's oversight dashboard (communities.oversight.dashboards): its
# committee and supervision committee, the officers above it, platform admins.
is_overseer = (
    is_committee_member | is_supervision_member | is_officer_above | is_platform_admin
)
rules.add_perm("communities.view_dashboard", is_overseer)
