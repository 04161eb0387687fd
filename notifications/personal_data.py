"""What notifications contributes to "download my data" and "delete my account"."""

from __future__ import annotations

from typing import Any

from notifications import services
from notifications.models import CalendarFeed, Notification, NotificationPreference


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def collect(user) -> dict[str, Any]:
    """The person's notifications, delivery preferences and calendar feed."""
    return {
        "notifications": [
            {
                "kind": n.kind,
                "title": n.title,
                "body": n.body,
                "url": n.url,
                "delivery": n.delivery,
                "created_at": _iso(n.created_at),
                "read_at": _iso(n.read_at),
                "emailed_at": _iso(n.emailed_at),
                "digested_at": _iso(n.digested_at),
            }
            for n in Notification.objects.filter(recipient=user).order_by(
                "created_at", "id"
            )
        ],
        "preferences": [
            {"kind": p.kind, "delivery": p.delivery}
            for p in NotificationPreference.objects.filter(user=user).order_by("kind")
        ],
        "calendar_feed": CalendarFeed.objects.filter(user=user).exists(),
    }


def anonymise(user) -> None:
    """Delete the person's notifications and preferences, and kill their calendar
    feed address: nothing here is a record the law asks us to keep."""
    services.delete_notifications_of(user=user)
    NotificationPreference.objects.filter(user=user).delete()
    CalendarFeed.objects.filter(user=user).delete()
