"""Permissions on a community itself: seeing it, changing its policy numbers."""

from __future__ import annotations

import rules

from communities.roles.rules import is_committee_member, is_platform_admin

rules.add_perm("communities.view_community", rules.always_allow)
rules.add_perm(
    "communities.change_communitysettings", is_committee_member | is_platform_admin
)
