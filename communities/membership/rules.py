"""Residency predicates (verified resident, household representative) and the
permissions to join a community and to verify its residents."""

from __future__ import annotations

from typing import Any

import rules

from communities.membership.models import Membership
from communities.membership.selectors import memberships_by_community
from communities.regions.selectors import community_of
from communities.roles.rules import is_committee_member, is_platform_admin


def _membership(user: Any, community: Any) -> tuple[str, bool] | None:
    community = community_of(community)
    if community is None:
        return None
    return memberships_by_community(user).get(community.pk)


@rules.predicate
def is_verified_resident(user: Any, community: Any) -> bool:
    """A person whose residency in the community a committee member verified."""
    entry = _membership(user, community)
    return entry is not None and entry[0] == Membership.Status.VERIFIED


@rules.predicate
def is_household_representative(user: Any, community: Any) -> bool:
    """A verified resident who votes for their household in household-mode ballots."""
    entry = _membership(user, community)
    return entry is not None and entry[0] == Membership.Status.VERIFIED and entry[1]


@rules.predicate
def has_open_membership(user: Any, community: Any) -> bool:
    """The person already asked to join (pending) or is a verified resident."""
    entry = _membership(user, community)
    return entry is not None and entry[0] in (
        Membership.Status.PENDING,
        Membership.Status.VERIFIED,
    )


rules.add_perm(
    "communities.join_community", rules.is_authenticated & ~has_open_membership
)
rules.add_perm("communities.verify_membership", is_committee_member | is_platform_admin)
rules.add_perm(
    "communities.view_membership_queue", is_committee_member | is_platform_admin
)
