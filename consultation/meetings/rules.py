"""Who may register for a meeting."""

from __future__ import annotations

from typing import Any

import rules
from django.utils import timezone

from communities.rules import (
    is_verified_resident,
)
from consultation.meetings.models import Meeting


@rules.predicate
def registration_is_open(user: Any, obj: Any) -> bool:
    """A meeting whose notice is out, with open registration, not started."""

    return (
        isinstance(obj, Meeting)
        and obj.registration_open
        and obj.notice_published_at is not None
        and obj.cancelled_at is None
        and obj.starts_at > timezone.now()
    )


@rules.predicate
def is_meeting_invitee(user: Any, obj: Any) -> bool:
    """Invited or registered for this meeting (experts and units included)."""

    if not isinstance(obj, Meeting) or not getattr(user, "is_authenticated", False):
        return False
    return obj.participants.filter(user=user).exists()


@rules.predicate
def meeting_not_cancelled(user: Any, obj: Any) -> bool:
    return getattr(obj, "cancelled_at", None) is None


rules.add_perm(
    "consultation.register_meeting", is_verified_resident & registration_is_open
)
