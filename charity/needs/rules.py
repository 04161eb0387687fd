"""Who may post needs, confirm deliveries and pledge goods (docs/permissions.md,
"Charity")."""

from __future__ import annotations

from typing import Any

import rules

from communities.rules import (
    is_charity_manager,
    is_committee_member,
    is_platform_admin,
)


@rules.predicate
def is_open_need(user: Any, need: Any) -> bool:
    return getattr(need, "status", None) == "open"


# Object: a community. Post needs for goods and confirm their delivery.
rules.add_perm(
    "charity.manage_needs", is_committee_member | is_charity_manager | is_platform_admin
)
# Object: a need.
rules.add_perm("charity.pledge_need", rules.is_authenticated & is_open_need)
