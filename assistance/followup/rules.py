"""Who may plan follow-up aid (docs/permissions.md, "Instalments and
follow-up"): the community's coordinators and the street's officers, on an open
or confirmed case; they add items and mark them done. Reading the plan is
reading the case (`assistance.view_case`)."""

from __future__ import annotations

import rules

from assistance.cases.models import OPEN_STATES, State
from assistance.cases.rules import in_state, is_case_coordinator, is_case_officer

FOLLOW_UP_STATES = (*OPEN_STATES, State.CONFIRMED)

rules.add_perm(
    "assistance.manage_follow_up",
    in_state(*FOLLOW_UP_STATES) & (is_case_coordinator | is_case_officer),
)
