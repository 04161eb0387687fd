"""Who may manage, see and claim volunteering: teams, activities and shifts.

Objects are a community, or a team, activity or shift of it (each answers for its
community). The table is in docs/permissions.md ("Volunteers").
"""

from __future__ import annotations

from typing import Any

import rules

from communities.rules import (
    is_committee_member,
    is_coordinator,
    is_platform_admin,
    is_verified_resident,
)
from volunteers.profiles.rules import has_volunteer_profile, is_active_volunteer
from volunteers.shifts.models import Activity, Shift
from volunteers.shifts.selectors import is_listed_coordinator


def _activity_of(obj: Any) -> Any:
    if isinstance(obj, Activity):
        return obj
    if isinstance(obj, Shift):
        return obj.activity
    return None


@rules.predicate
def is_team_coordinator(user: Any, obj: Any) -> bool:
    """Listed as a coordinator of the activity's (or shift's) team."""
    activity = _activity_of(obj)
    if activity is None or activity.team_id is None:
        return False
    if not getattr(user, "is_authenticated", False):
        return False
    return is_listed_coordinator(user, activity.team)


@rules.predicate
def is_published(user: Any, obj: Any) -> bool:
    """The activity (or the shift's activity) is published."""
    activity = _activity_of(obj)
    return activity is not None and activity.is_published


manages_volunteering = is_coordinator | is_committee_member | is_platform_admin

rules.add_perm("volunteers.manage_activity", manages_volunteering | is_team_coordinator)
rules.add_perm(
    "volunteers.view_activity",
    is_published | manages_volunteering | is_team_coordinator,
)
# A verified resident with no volunteer profile yet signs up through the short
# first sign-up form (what the shift needs; the full profile can come later).
rules.add_perm(
    "volunteers.first_sign_up",
    rules.is_authenticated
    & is_published
    & is_verified_resident
    & ~has_volunteer_profile,
)
rules.add_perm(
    "volunteers.claim_shift",
    rules.is_authenticated & is_published & is_active_volunteer & is_verified_resident,
)
# Table "Volunteers: matching and calendar".
rules.add_perm("volunteers.own_calendar_feed", rules.is_authenticated)
