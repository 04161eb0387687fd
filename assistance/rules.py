"""Who may do what in social assistance. The case permissions (one per step,
checked against the case's state) are in `assistance.cases.rules`; the
community and region permissions are here. docs/permissions.md has the table."""

from __future__ import annotations

from typing import Any

import rules

from assistance.cases import rules as _case_rules  # noqa: F401  (its permissions)
from assistance.discovery import rules as _discovery_rules  # noqa: F401  (reports)
from assistance.emergency import rules as _emergency_rules  # noqa: F401
from assistance.followup import rules as _followup_rules  # noqa: F401
from assistance.instalments import rules as _instalment_rules  # noqa: F401
from assistance.monitoring import rules as _monitoring_rules  # noqa: F401
from assistance.referrals import rules as _referral_rules  # noqa: F401
from communities.models import Region, Role
from communities.roles.rules import (
    is_aid_coordinator,
    is_aid_officer_for,
    is_aid_supervisor_for,
)
from communities.roles.selectors import holds_role
from communities.rules import is_verified_resident


@rules.predicate
def is_district(user: Any, obj: Any) -> bool:
    return isinstance(obj, Region) and obj.is_district


@rules.predicate
def serves_as_aid_staff(user: Any) -> bool:
    """Holds a coordinator or street officer grant anywhere (就近受理: any service
    point files for any household; the case goes to the household's street)."""
    return getattr(user, "is_authenticated", False) and any(
        holds_role(user, role) for role in (Role.AID_COORDINATOR, Role.AID_OFFICER)
    )


rules.add_perm("assistance.apply", is_verified_resident)
rules.add_perm(
    "assistance.list_cases",
    is_aid_coordinator | is_aid_officer_for | is_aid_supervisor_for,
)
rules.add_perm("assistance.file_for_resident", serves_as_aid_staff)
rules.add_perm("assistance.manage_standards", is_district & is_aid_supervisor_for)
rules.add_perm("assistance.spot_check", is_district & is_aid_supervisor_for)
rules.add_perm("assistance.view_dashboard", is_aid_officer_for | is_aid_supervisor_for)
