"""Who counts as an active volunteer, and who may edit a volunteer profile.

The table is in docs/permissions.md ("Volunteers").
"""

from __future__ import annotations

from typing import Any

import rules

from volunteers.profiles.selectors import profile_of


def _profile(user: Any) -> Any:
    """The person's profile, or False; read once per request (cached on the user)."""
    if not getattr(user, "is_authenticated", False):
        return False
    profile = getattr(user, "_gz_volunteer_profile", None)
    if profile is None:
        profile = profile_of(user) or False
        user._gz_volunteer_profile = profile
    return profile


@rules.predicate
def has_volunteer_profile(user: Any, obj: Any = None) -> bool:
    """Has saved a volunteer profile, active or not."""
    return bool(_profile(user))


@rules.predicate
def is_active_volunteer(user: Any, obj: Any = None) -> bool:
    """Has a volunteer profile that is active (age and guardian consent rules)."""
    profile = _profile(user)
    return bool(profile) and profile.is_active


rules.add_perm("volunteers.change_volunteerprofile", rules.is_authenticated)
