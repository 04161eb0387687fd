"""Who may see and act on early warnings (the case permissions of periodic
review, `record_review` and `decide_review`, are in assistance.cases.rules).
docs/permissions.md has the table ("Periodic review and early warning")."""

from __future__ import annotations

from typing import Any

import rules

from assistance.monitoring.models import EarlyWarning
from communities.roles.rules import (
    is_aid_coordinator,
    is_aid_officer_for,
    is_aid_supervisor_for,
)


def _community(obj: Any) -> Any:
    return obj.community if isinstance(obj, EarlyWarning) else obj


@rules.predicate
def coordinates(user: Any, obj: Any) -> bool:
    return is_aid_coordinator(user, _community(obj))


@rules.predicate
def oversees(user: Any, obj: Any) -> bool:
    community = _community(obj)
    return is_aid_officer_for(user, community) or is_aid_supervisor_for(user, community)


@rules.predicate
def is_open_warning(user: Any, obj: Any) -> bool:
    return not isinstance(obj, EarlyWarning) or obj.is_open


rules.add_perm("assistance.view_warnings", coordinates | oversees)
rules.add_perm("assistance.act_on_warning", coordinates & is_open_warning)
