"""Who may do what: the shared role predicates and the communities permission table.

Every app checks roles through these predicates. Roles come from two places:
residency (`Membership`: verified resident, household representative) and explicit
`RoleGrant`s in force today. Roles in `MFA_REQUIRED_ROLES` count only once the
person has TOTP two-factor authentication; `refused_for_missing_mfa` tells a view
when that is the only thing standing between a person and a right.

Each predicate reads at most one query per request for the person's grants and one
for their memberships: both are cached on the user object, like `has_totp`.
The table of which role holds which permission is in docs/permissions.md.
"""

from __future__ import annotations

from typing import Any

import rules

from accounts.mfa import has_totp
from communities.models import (
    MFA_REQUIRED_ROLES,
    Community,
    Membership,
    Region,
    Role,
    RoleGrant,
)

GRANTS_CACHE = "_gz_role_grants"
MEMBERSHIPS_CACHE = "_gz_memberships"


# ---------------------------------------------------------------------------
# Per-request caches on the user object
# ---------------------------------------------------------------------------
def _grants(user: Any) -> list[tuple[str, int | None, int | None]]:
    """(role, community id, region id) of the person's grants in force today."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, GRANTS_CACHE, None)
    if cached is None:
        cached = list(
            RoleGrant.objects.active()
            .filter(user=user)
            .values_list("role", "community_id", "region_id")
        )
        setattr(user, GRANTS_CACHE, cached)
    return cached


def _memberships(user: Any) -> dict[int, tuple[str, bool]]:
    """community id -> (status, is household representative)."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, MEMBERSHIPS_CACHE, None)
    if cached is None:
        cached = {
            community_id: (status, representative)
            for community_id, status, representative in Membership.objects.filter(
                user=user
            ).values_list("community_id", "status", "is_representative")
        }
        setattr(user, MEMBERSHIPS_CACHE, cached)
    return cached


def forget_cached_roles(user: Any) -> None:
    """Drop the cached grants and memberships (services call this after a change)."""
    for attribute in (GRANTS_CACHE, MEMBERSHIPS_CACHE):
        if hasattr(user, attribute):
            delattr(user, attribute)


def _role_counts(user: Any, role: str) -> bool:
    """A role needing 2FA counts only when the person has TOTP."""
    return role not in MFA_REQUIRED_ROLES or has_totp(user)


def _community_of(obj: Any) -> Community | None:
    """Predicates accept a community or anything with a `community` attribute."""
    if isinstance(obj, Community):
        return obj
    community = getattr(obj, "community", None)
    return community if isinstance(community, Community) else None


def _has_community_role(user: Any, role: str, obj: Any) -> bool:
    community = _community_of(obj)
    if community is None:
        return False
    held = any(r == role and c == community.pk for r, c, _region in _grants(user))
    # TOTP is looked up only for people who hold the role at all.
    return held and _role_counts(user, role)


def _has_region_role(user: Any, role: str, region_id: int | None) -> bool:
    if region_id is None:
        return False
    held = any(r == role and g == region_id for r, _c, g in _grants(user))
    return held and _role_counts(user, role)


def _holds_role(user: Any, role: str) -> bool:
    """Whether any grant of this role is in force (for granters without an object)."""
    held = any(r == role for r, _c, _g in _grants(user))
    return held and _role_counts(user, role)


# ---------------------------------------------------------------------------
# Residency predicates
# ---------------------------------------------------------------------------
@rules.predicate
def is_verified_resident(user: Any, community: Any) -> bool:
    """A person whose residency in the community a committee member verified."""
    community = _community_of(community)
    if community is None:
        return False
    entry = _memberships(user).get(community.pk)
    return entry is not None and entry[0] == Membership.Status.VERIFIED


@rules.predicate
def is_household_representative(user: Any, community: Any) -> bool:
    """A verified resident who votes for their household in household-mode ballots."""
    community = _community_of(community)
    if community is None:
        return False
    entry = _memberships(user).get(community.pk)
    return entry is not None and entry[0] == Membership.Status.VERIFIED and entry[1]


@rules.predicate
def has_open_membership(user: Any, community: Any) -> bool:
    """The person already asked to join (pending) or is a verified resident."""
    community = _community_of(community)
    if community is None:
        return False
    entry = _memberships(user).get(community.pk)
    return entry is not None and entry[0] in (
        Membership.Status.PENDING,
        Membership.Status.VERIFIED,
    )


# ---------------------------------------------------------------------------
# Role predicates
# ---------------------------------------------------------------------------
@rules.predicate
def is_committee_member(user: Any, community: Any) -> bool:
    """Member of the community's residents'/villagers' committee (两委), with TOTP."""
    return _has_community_role(user, Role.COMMITTEE, community)


@rules.predicate
def is_supervision_member(user: Any, community: Any) -> bool:
    """Member of the community's supervision committee (监督委员会), with TOTP."""
    return _has_community_role(user, Role.SUPERVISION, community)


@rules.predicate
def is_coordinator(user: Any, community: Any) -> bool:
    """Volunteer coordinator of the community."""
    return _has_community_role(user, Role.COORDINATOR, community)


@rules.predicate
def is_charity_manager(user: Any, community: Any) -> bool:
    """Charity manager working in the community."""
    return _has_community_role(user, Role.CHARITY_MANAGER, community)


def _street_id(obj: Any) -> int | None:
    if isinstance(obj, Region):
        return obj.pk if not obj.is_district else None
    community = _community_of(obj)
    return community.street_id if community is not None else None


def _district_id(obj: Any) -> int | None:
    if isinstance(obj, Region):
        return obj.pk if obj.is_district else obj.parent_id
    community = _community_of(obj)
    return community.street.parent_id if community is not None else None


@rules.predicate
def is_street_officer_for(user: Any, obj: Any) -> bool:
    """Officer of the street/town the community (or street) belongs to, with TOTP."""
    if not _holds_role(user, Role.STREET_OFFICER):
        return False
    return _has_region_role(user, Role.STREET_OFFICER, _street_id(obj))


@rules.predicate
def is_district_officer_for(user: Any, obj: Any) -> bool:
    """Officer of the district above the community or street, with TOTP."""
    # Checked first so the street's parent is read only for district officers.
    if not _holds_role(user, Role.DISTRICT_OFFICER):
        return False
    return _has_region_role(user, Role.DISTRICT_OFFICER, _district_id(obj))


@rules.predicate
def is_platform_admin(user: Any) -> bool:
    """A superuser or holder of a platform admin grant, with TOTP."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return has_totp(user)
    return _holds_role(user, Role.PLATFORM_ADMIN)


is_officer_above = is_street_officer_for | is_district_officer_for

# ---------------------------------------------------------------------------
# Permissions (object: a community)
# ---------------------------------------------------------------------------
rules.add_perm("communities.view_community", rules.always_allow)
rules.add_perm(
    "communities.join_community", rules.is_authenticated & ~has_open_membership
)
rules.add_perm("communities.verify_membership", is_committee_member | is_platform_admin)
rules.add_perm(
    "communities.view_membership_queue", is_committee_member | is_platform_admin
)
rules.add_perm(
    "communities.change_communitysettings", is_committee_member | is_platform_admin
)


@rules.predicate
def may_grant_some_role(user: Any, obj: Any) -> bool:
    """The person may grant at least one role for this community or region."""
    from communities.services import grantable_roles

    if not getattr(user, "is_authenticated", False) or obj is None:
        return False
    return bool(grantable_roles(granter=user, scope=obj))


rules.add_perm("communities.grant_role", may_grant_some_role)


# ---------------------------------------------------------------------------
# Permissions (object: a region, a street/town or a district; or the platform)
# ---------------------------------------------------------------------------
@rules.predicate
def is_region(user: Any, obj: Any) -> bool:
    """The object is a street/town or a district (region permissions need one)."""
    return isinstance(obj, Region)


rules.add_perm(
    "communities.view_region",
    is_region & (is_street_officer_for | is_district_officer_for | is_platform_admin),
)
rules.add_perm("communities.grant_region_role", is_region & may_grant_some_role)
# Platform admin grants have no region; only platform admins give or take them.
rules.add_perm("communities.grant_platform_role", is_platform_admin)


def overseen_region_ids(user: Any) -> list[int]:
    """Regions the person is an officer of (grants in force, TOTP set up).

    Read from the cached grants, so it costs no query beyond the predicates'.
    """
    return sorted(
        {
            region_id
            for role, _c, region_id in _grants(user)
            if region_id is not None and _role_counts(user, role)
        }
    )


rules.add_perm(
    "communities.view_audit_log",
    is_committee_member | is_supervision_member | is_officer_above | is_platform_admin,
)


# The community's oversight dashboard (communities.dashboards): its committee and
# supervision committee, the officers above it, platform admins.
is_overseer = (
    is_committee_member | is_supervision_member | is_officer_above | is_platform_admin
)
rules.add_perm("communities.view_dashboard", is_overseer)


def overseen_community_filter(user: Any) -> dict[str, Any] | None:
    """What the person may see on dashboards, from the cached grants (no query).

    None: every community (platform admins). Otherwise {"ids", "streets",
    "districts"}: communities by id, by street/town, by district.
    """
    if is_platform_admin(user):
        return None
    ids, streets, districts = set(), set(), set()
    for role, community_id, region_id in _grants(user):
        if not _role_counts(user, role):
            continue
        if role in (Role.COMMITTEE, Role.SUPERVISION) and community_id:
            ids.add(community_id)
        elif role == Role.STREET_OFFICER and region_id:
            streets.add(region_id)
        elif role == Role.DISTRICT_OFFICER and region_id:
            districts.add(region_id)
    return {"ids": ids, "streets": streets, "districts": districts}


def refused_for_missing_mfa(user: Any, perm: str, obj: Any = None) -> bool:
    """True when the person would have `perm` if they had set up TOTP.

    Views use it to explain a refusal: set up two-factor authentication first.
    """
    if not getattr(user, "is_authenticated", False) or has_totp(user):
        return False
    user._gz_has_totp = True
    try:
        return rules.has_perm(perm, user, obj)
    finally:
        user._gz_has_totp = False
