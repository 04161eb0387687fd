"""Who may invite volunteers and see suggestions.

Table: docs/permissions.md ("Volunteers: matching and calendar").
"""

from __future__ import annotations

import rules

from volunteers.profiles.rules import is_active_volunteer
from volunteers.shifts.rules import is_team_coordinator, manages_volunteering

rules.add_perm(
    "volunteers.invite_volunteers", manages_volunteering | is_team_coordinator
)
rules.add_perm(
    "volunteers.see_suggestions", rules.is_authenticated & is_active_volunteer
)
