"""The role predicates every app checks, and who may grant which role.

Roles come from explicit `RoleGrant`s in force today, read once per request
through `communities.roles.selectors.grants_in_force`. Roles in
`MFA_REQUIRED_ROLES` count only once the person has TOTP two-factor
authentication; `refused_for_missing_mfa` tells a view when that is the only
thing standing between a person and a right.
"""

from __future__ import annotations

from typing import Any

import rules

from accounts.mfa import has_totp
from communities.regions.models import Community, Region
from communities.regions.selectors import community_of
from communities.roles.models import COMMUNITY_ROLES, STREET_ROLES, Role
from communities.roles.selectors import (
    grants_in_force,
    holds_role,
    is_platform_admin_user,
    role_counts,
)

Scope = Community | Region | None


def _has_community_role(user: Any, role: str, obj: Any) -> bool:
    community = community_of(obj)
    if community is None:
        return False
    held = any(
        r == role and c == community.pk for r, c, _region in grants_in_force(user)
    )
    # TOTP is looked up only for people who hold the role at all.
    return held and role_counts(user, role)


def _has_region_role(user: Any, role: str, region_id: int | None) -> bool:
    if region_id is None:
        return False
    held = any(r == role and g == region_id for r, _c, g in grants_in_force(user))
    return held and role_counts(user, role)


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
    community = community_of(obj)
    return community.street_id if community is not None else None


def _district_id(obj: Any) -> int | None:
    if isinstance(obj, Region):
        return obj.pk if obj.is_district else obj.parent_id
    community = community_of(obj)
    return community.street.parent_id if community is not None else None


@rules.predicate
def is_street_officer_for(user: Any, obj: Any) -> bool:
    """Officer of the street/town the community (or street) belongs to, with TOTP."""
    if not holds_role(user, Role.STREET_OFFICER):
        return False
    return _has_region_role(user, Role.STREET_OFFICER, _street_id(obj))


@rules.predicate
def is_district_officer_for(user: Any, obj: Any) -> bool:
    """Officer of the district above the community or street, with TOTP."""
    # Checked first so the street's parent is read only for district officers.
    if not holds_role(user, Role.DISTRICT_OFFICER):
        return False
    return _has_region_role(user, Role.DISTRICT_OFFICER, _district_id(obj))


@rules.predicate
def is_platform_admin(user: Any) -> bool:
    """A superuser or holder of a platform admin grant, with TOTP."""
    return is_platform_admin_user(user)


is_officer_above = is_street_officer_for | is_district_officer_for


@rules.predicate
def is_aid_coordinator(user: Any, community: Any) -> bool:
    """Assistance coordinator (救助协理员) of the community, with TOTP."""
    return _has_community_role(user, Role.AID_COORDINATOR, community)


@rules.predicate
def is_aid_officer_for(user: Any, obj: Any) -> bool:
    """Assistance officer of the street/town the community (or street) belongs to."""
    if not holds_role(user, Role.AID_OFFICER):
        return False
    return _has_region_role(user, Role.AID_OFFICER, _street_id(obj))


@rules.predicate
def is_aid_supervisor_for(user: Any, obj: Any) -> bool:
    """Assistance supervisor (区民政) of the district above the community or street."""
    if not holds_role(user, Role.AID_SUPERVISOR):
        return False
    return _has_region_role(user, Role.AID_SUPERVISOR, _district_id(obj))


# ---------------------------------------------------------------------------
# Who may grant (and revoke) which role
# ---------------------------------------------------------------------------
def scope_fits(role: str, scope: Scope) -> bool:
    """Whether a role is granted for this kind of scope."""
    if role in COMMUNITY_ROLES:
        return isinstance(scope, Community)
    if role in STREET_ROLES:
        return isinstance(scope, Region) and not scope.is_district
    if role in (Role.DISTRICT_OFFICER, Role.AID_SUPERVISOR):
        return isinstance(scope, Region) and scope.is_district
    return scope is None  # platform admin


def can_grant(granter: Any, role: str, scope: Scope) -> bool:
    """Whether `granter` may grant (or revoke) `role` for `scope`.

    Platform admins grant anything. District officers grant street officers in their
    district and committee/supervision members in communities below it. Street
    officers grant committee/supervision members in their street's communities.
    Committee members grant coordinators and charity managers in their community.
    Assistance roles: district officers grant district assistance supervisors; a
    district officer or supervisor grants street assistance officers below them; a
    street officer or assistance officer (or the district) grants the coordinators
    of the street's communities.
    """
    if not scope_fits(role, scope):
        return False
    if is_platform_admin(granter):
        return True
    if role == Role.STREET_OFFICER:
        return is_district_officer_for(granter, scope)
    if role in (Role.COMMITTEE, Role.SUPERVISION):
        return is_street_officer_for(granter, scope) or is_district_officer_for(
            granter, scope
        )
    if role in (Role.COORDINATOR, Role.CHARITY_MANAGER):
        return is_committee_member(granter, scope)
    if role == Role.AID_SUPERVISOR:
        return is_district_officer_for(granter, scope)
    if role == Role.AID_OFFICER:
        return is_district_officer_for(granter, scope) or is_aid_supervisor_for(
            granter, scope
        )
    if role == Role.AID_COORDINATOR:
        return (
            is_street_officer_for(granter, scope)
            or is_aid_officer_for(granter, scope)
            or is_district_officer_for(granter, scope)
            or is_aid_supervisor_for(granter, scope)
        )
    return False


def grantable_roles(*, granter: Any, scope: Scope) -> list[str]:
    """The roles `granter` may grant for `scope`, in the order of `Role`."""
    return [role for role in Role.values if can_grant(granter, role, scope)]


@rules.predicate
def may_grant_some_role(user: Any, obj: Any) -> bool:
    """The person may grant at least one role for this community or region."""
    if not getattr(user, "is_authenticated", False) or obj is None:
        return False
    return bool(grantable_roles(granter=user, scope=obj))


@rules.predicate
def is_region(user: Any, obj: Any) -> bool:
    """The object is a street/town or a district (region permissions need one)."""
    return isinstance(obj, Region)


rules.add_perm("communities.grant_role", may_grant_some_role)
rules.add_perm("communities.grant_region_role", is_region & may_grant_some_role)
# Platform admin grants have no region; only platform admins give or take them.
rules.add_perm("communities.grant_platform_role", is_platform_admin)


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
