"""Who may manage a community's charity organisations (docs/permissions.md,
"Charity"): its charity managers and platform admins."""

from __future__ import annotations

import rules

from communities.rules import is_charity_manager, is_platform_admin

# Object: a community.
rules.add_perm("charity.manage_charity", is_charity_manager | is_platform_admin)
