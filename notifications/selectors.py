"""Reads of notifications."""

from notifications.models import Notification


def unread_count(user) -> int:
    """The unread count, always from the database so a reconnect shows the truth."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
