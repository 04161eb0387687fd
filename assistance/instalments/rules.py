"""Who may schedule and release instalments (docs/permissions.md, "Instalments
and follow-up"): the street officer who decides the case sets the schedule
(before confirmation, in review or 公示, or on a confirmed 临时救助); the
community's coordinators and the street's officers release, skip or stop
instalments of a confirmed case. Reading the schedule is reading the case
(`assistance.view_case`)."""

from __future__ import annotations

from typing import Any

import rules

from assistance.cases.models import Case, Kind, State
from assistance.cases.rules import in_state, is_case_coordinator, is_case_officer


@rules.predicate
def is_temporary(user: Any, case: Any) -> bool:
    return isinstance(case, Case) and case.kind == Kind.TEMPORARY


rules.add_perm(
    "assistance.set_instalments",
    (
        in_state(State.REVIEWED, State.PUBLICITY)
        | (in_state(State.CONFIRMED) & is_temporary)
    )
    & is_case_officer,
)
rules.add_perm(
    "assistance.release_instalment",
    in_state(State.CONFIRMED) & (is_case_coordinator | is_case_officer),
)
