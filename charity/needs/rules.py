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


@rules.predicate
def is_own_pending_need_pledge(user: Any, pledge: Any) -> bool:
    return (
        getattr(pledge, "donor_id", None) == user.pk
        and getattr(pledge, "status", None) == "pledged"
    )


# Object: a pledge of goods. Only the donor, only while the goods have not arrived.
rules.add_perm(
    "charity.cancel_need_pledge", rules.is_authenticated & is_own_pending_need_pledge
)
