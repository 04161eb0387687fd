"""Who may do what with emergency aid (docs/permissions.md, "Emergency aid").

- grant 先行救助 in a community: its assistance coordinators and the assistance
  officers of its street;
- list a community's advance aid: those, and the district's supervisors;
- read one advance aid: whoever may read a submitted case of that household
  (the household, the community's coordinators, the street's officers, the
  district's supervisors), whatever the state of its case;
- see the district's emergency periods: its supervisors and the assistance
  officers of its streets; declare or end one: its supervisors.
"""

from __future__ import annotations

from typing import Any

import rules

from assistance.cases.rules import is_case_staff, is_household_member
from communities.models import Region, Role
from communities.roles.rules import (
    is_aid_coordinator,
    is_aid_officer_for,
    is_aid_supervisor_for,
)
from communities.roles.selectors import grants_in_force, holds_role, role_counts


def _case_of(aid: Any) -> Any:
    return getattr(aid, "case", None)


@rules.predicate
def is_aid_household(user: Any, aid: Any) -> bool:
    case = _case_of(aid)
    return case is not None and is_household_member(user, case)


@rules.predicate
def is_aid_staff(user: Any, aid: Any) -> bool:
    case = _case_of(aid)
    return case is not None and is_case_staff(user, case)


@rules.predicate
def is_the_district(user: Any, obj: Any) -> bool:
    return isinstance(obj, Region) and obj.is_district


@rules.predicate
def is_aid_officer_in_district(user: Any, district: Any) -> bool:
    """Assistance officer of one of the district's streets (with TOTP)."""
    if not isinstance(district, Region) or not holds_role(user, Role.AID_OFFICER):
        return False
    streets = {g for r, _c, g in grants_in_force(user) if r == Role.AID_OFFICER}
    return role_counts(user, Role.AID_OFFICER) and (
        Region.objects.filter(pk__in=streets, parent_id=district.pk).exists()
    )


rules.add_perm("assistance.grant_advance_aid", is_aid_coordinator | is_aid_officer_for)
rules.add_perm(
    "assistance.list_advance_aid",
    is_aid_coordinator | is_aid_officer_for | is_aid_supervisor_for,
)
rules.add_perm("assistance.view_advance_aid", is_aid_household | is_aid_staff)
rules.add_perm(
    "assistance.view_emergency_periods",
    is_the_district & (is_aid_supervisor_for | is_aid_officer_in_district),
)
rules.add_perm("assistance.declare_emergency", is_the_district & is_aid_supervisor_for)
