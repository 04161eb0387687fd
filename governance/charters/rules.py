"""Who may do what with a charter, in which state (role × state).

Object: a `CharterVersion` (its `community` and `state` decide), or the community for
`add_charter` and `view_charter_work`. A permission that names a state is refused in
every other state; the services check the state first and say why. The tables are in
docs/permissions.md ("Charter permissions"), checked by
tests/governance/charters/test_permission_table.py.
"""

from __future__ import annotations

from typing import Any

import rules

from communities.rules import (
    is_committee_member,
    is_district_officer_for,
    is_platform_admin,
    is_street_officer_for,
    is_supervision_member,
    is_verified_resident,
)
from governance.charters.models import CharterState

is_charter_manager = is_committee_member | is_platform_admin
is_charter_reviewer = is_street_officer_for | is_platform_admin
is_charter_watcher = (
    is_committee_member
    | is_supervision_member
    | is_street_officer_for
    | is_district_officer_for
    | is_platform_admin
)


def state_is(*states: str) -> rules.Predicate:
    names = "_or_".join(states)

    @rules.predicate(name=f"charter_is_{names}")
    def predicate(user: Any, obj: Any) -> bool:
        return getattr(obj, "state", None) in states

    return predicate


# Which state each lifecycle permission needs (also read by the services' errors).
PERMISSION_STATES: dict[str, tuple[str, ...]] = {
    "edit_charter": (CharterState.COLLECTING, CharterState.DRAFT),
    "comment_charter": (CharterState.COLLECTING,),
    "close_charter_opinions": (CharterState.COLLECTING,),
    "submit_charter": (CharterState.DRAFT,),
    "review_charter": (CharterState.SUBMITTED,),
    "record_charter_vote": (CharterState.REVIEW_PASSED,),
    "confirm_charter_filing": (CharterState.VOTED,),
    "publish_charter": (CharterState.FILED,),
    "revise_charter": (CharterState.PUBLISHED,),
}
PERMISSION_ROLES = {
    "edit_charter": is_charter_manager,
    "comment_charter": is_verified_resident,
    "close_charter_opinions": is_charter_manager,
    "submit_charter": is_charter_manager,
    "review_charter": is_charter_reviewer,
    "record_charter_vote": is_charter_manager,
    "confirm_charter_filing": is_charter_reviewer,
    "publish_charter": is_charter_manager,
    "revise_charter": is_charter_manager,
}

# Object: the community.
rules.add_perm("governance.add_charter", is_charter_manager)
rules.add_perm("governance.view_charter_work", is_charter_watcher)
# Object: a version, in the state the table gives.
for _name, _states in PERMISSION_STATES.items():
    rules.add_perm(f"governance.{_name}", PERMISSION_ROLES[_name] & state_is(*_states))
