"""What matching and calendars contribute to "download my data" and "delete my account"."""

from __future__ import annotations

from typing import Any

from volunteers.matching_models import CalendarFeed, Invitation


def collect(user) -> dict[str, Any]:
    """Invitations the person received, and whether they have a calendar feed."""
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
        "calendar_feed": CalendarFeed.objects.filter(user=user).exists(),
    }


def anonymise(user) -> None:
    """A deleted account's feed address stops working; its invitations forget why."""
    CalendarFeed.objects.filter(user=user).delete()
    Invitation.objects.filter(volunteer=user).update(reasons=[])
