"""The communities services other apps call (a foundation module: it re-exports
the concerns' services under their old names and holds none itself).

Writes to the tree and communities are in `communities.regions.services`,
residency in `communities.membership.services`, role grants and the Wagtail admin
rights that follow them in `communities.roles.services`.
"""

from __future__ import annotations

from communities.membership.services import (
    KIND_REJECTED,
    KIND_REQUEST_RECEIVED,
    KIND_VERIFIED,
    reject_membership,
    request_membership,
    set_household_representative,
    verify_membership,
)
from communities.regions.services import (
    RESERVED_SLUGS,
    create_community,
    ensure_portal,
    update_community,
    update_community_settings,
)
from communities.roles.rules import can_grant, grantable_roles
from communities.roles.services import (
    KIND_ROLE_GRANTED,
    expire_role_grants,
    grant_role,
    revoke_role,
    sync_admin_rights,
)

__all__ = [
    "KIND_REJECTED",
    "KIND_REQUEST_RECEIVED",
    "KIND_ROLE_GRANTED",
    "KIND_VERIFIED",
    "RESERVED_SLUGS",
    "can_grant",
    "create_community",
    "ensure_portal",
    "expire_role_grants",
    "grant_role",
    "grantable_roles",
    "reject_membership",
    "request_membership",
    "revoke_role",
    "set_household_representative",
    "sync_admin_rights",
    "update_community",
    "update_community_settings",
    "verify_membership",
]
