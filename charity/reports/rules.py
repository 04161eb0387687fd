"""Who may see a community's overdue charity reports (docs/permissions.md,
"Charity"): its committee and the officers above it. Filing reports and recording
spending take `charity.manage_project` (charity/projects/rules.py)."""

from __future__ import annotations

import rules

from communities.rules import is_committee_member, is_officer_above, is_platform_admin

# Object: a community.
rules.add_perm(
    "charity.view_overdue_reports",
    is_committee_member | is_officer_above | is_platform_admin,
)
