"""What matching contributes to "download my data" and "delete my account"."""

from __future__ import annotations

from typing import Any

from volunteers.matching.models import Invitation


def collect(user) -> dict[str, Any]:
    """Invitations the person received (the calendar feed is in notifications)."""
    invitations = Invitation.objects.filter(volunteer=user).select_related(
        "shift__activity"
    )
    return {
        "invitations": [
            {
                "activity": i.shift.activity.title,
                "shift_starts_at": i.shift.starts_at.isoformat(),
                "reasons": i.reasons,
                "invited_at": i.created_at.isoformat(),
                "accepted_at": i.accepted_at.isoformat() if i.accepted_at else None,
            }
            for i in invitations.order_by("created_at", "pk")
        ],
    }


def anonymise(user) -> None:
    """A deleted account's invitations forget why (notifications kills the feed)."""
    Invitation.objects.filter(volunteer=user).update(reasons=[])
