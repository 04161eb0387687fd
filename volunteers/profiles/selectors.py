"""Reads of volunteer profiles."""

from __future__ import annotations

from typing import Any

from volunteers.profiles.models import VolunteerProfile


def profile_of(user: Any) -> VolunteerProfile | None:
    """The person's volunteer profile, or None."""
    return VolunteerProfile.objects.filter(user=user).first()


def profile_with_skills(user: Any) -> VolunteerProfile | None:
    """The person's volunteer profile with its skills prefetched, or None."""
    return VolunteerProfile.objects.filter(user=user).prefetch_related("skills").first()
