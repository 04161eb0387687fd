"""Who may do what with volunteering: predicates and the permission table.

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


def _activity_of(obj: Any) -> Any:
    from volunteers.models import Activity, Shift

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
    return activity.team.coordinators.filter(pk=user.pk).exists()


@rules.predicate
def is_published(user: Any, obj: Any) -> bool:
    """The activity (or the shift's activity) is published."""
    activity = _activity_of(obj)
    return activity is not None and activity.is_published


@rules.predicate
def is_active_volunteer(user: Any, obj: Any = None) -> bool:
    """Has a volunteer profile that is active (age and guardian consent rules)."""
    if not getattr(user, "is_authenticated", False):
        return False
    profile = getattr(user, "_gz_volunteer_profile", None)
    if profile is None:
        from volunteers.models import VolunteerProfile

        profile = VolunteerProfile.objects.filter(user=user).first() or False
        user._gz_volunteer_profile = profile
    return bool(profile) and profile.is_active


manages_volunteering = is_coordinator | is_committee_member | is_platform_admin

rules.add_perm("volunteers.manage_activity", manages_volunteering | is_team_coordinator)
rules.add_perm(
    "volunteers.view_activity",
    is_published | manages_volunteering | is_team_coordinator,
)
rules.add_perm(
    "volunteers.claim_shift",
    rules.is_authenticated & is_published & is_active_volunteer & is_verified_resident,
)
rules.add_perm("volunteers.change_volunteerprofile", rules.is_authenticated)


# ---------------------------------------------------------------------------
# Check-in, service records, certificates, time bank (issue 5, §4 and §6).
# Table: docs/permissions.md ("Volunteer records"),
# tests/volunteers/rules/test_records_permission_table.py.
# ---------------------------------------------------------------------------
@rules.predicate
def keeps_the_records(user: Any, obj: Any) -> bool:
    """Listed coordinator of the team that keeps the service record (or the shift's)."""
    from volunteers.models import ServiceRecord

    if isinstance(obj, ServiceRecord):
        if obj.team_id is None or not getattr(user, "is_authenticated", False):
            return False
        return obj.team.coordinators.filter(pk=user.pk).exists()
    return is_team_coordinator(user, obj)


@rules.predicate
def time_bank_enabled(user: Any, obj: Any) -> bool:
    """The community (of the object) runs a time bank."""
    from communities.rules import _community_of

    community = _community_of(obj)
    return community is not None and community.policy.time_bank_enabled


rules.add_perm("volunteers.run_shift", manages_volunteering | keeps_the_records)
rules.add_perm("volunteers.confirm_record", manages_volunteering | keeps_the_records)
rules.add_perm("volunteers.view_records", manages_volunteering)
rules.add_perm(
    "volunteers.use_time_bank",
    rules.is_authenticated & is_verified_resident & time_bank_enabled,
)

# Matching and calendars (issue 5, §5 and §7); table "Volunteers: matching and calendar".
rules.add_perm(
    "volunteers.invite_volunteers", manages_volunteering | is_team_coordinator
)
rules.add_perm(
    "volunteers.see_suggestions", rules.is_authenticated & is_active_volunteer
)
rules.add_perm("volunteers.own_calendar_feed", rules.is_authenticated)
