"""Who may run a shift's check-in, confirm service records, see a community's
records and use the time bank.

Table: docs/permissions.md ("Volunteer records"),
tests/volunteers/rules/test_records_permission_table.py.
"""

from __future__ import annotations

from typing import Any

import rules

from communities.regions.selectors import community_of
from communities.rules import is_verified_resident
from volunteers.records.models import ServiceRecord
from volunteers.shifts.rules import is_team_coordinator, manages_volunteering
from volunteers.shifts.selectors import is_listed_coordinator


@rules.predicate
def keeps_the_records(user: Any, obj: Any) -> bool:
    """Listed coordinator of the team that keeps the service record (or the shift's)."""
    if isinstance(obj, ServiceRecord):
        if obj.team_id is None or not getattr(user, "is_authenticated", False):
            return False
        return is_listed_coordinator(user, obj.team)
    return is_team_coordinator(user, obj)


@rules.predicate
def time_bank_enabled(user: Any, obj: Any) -> bool:
    """The community (of the object) runs a time bank."""
    community = community_of(obj)
    return community is not None and community.policy.time_bank_enabled


rules.add_perm("volunteers.run_shift", manages_volunteering | keeps_the_records)
rules.add_perm("volunteers.confirm_record", manages_volunteering | keeps_the_records)
rules.add_perm("volunteers.view_records", manages_volunteering)
rules.add_perm(
    "volunteers.use_time_bank",
    rules.is_authenticated & is_verified_resident & time_bank_enabled,
)
