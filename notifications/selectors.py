"""Reads of notifications and preferences."""

from __future__ import annotations

from django.http import Http404

from notifications import kinds
from notifications.models import Notification, NotificationPreference


def unread_count(user) -> int:
    """The unread count, always from the database so a reconnect shows the truth."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notifications_of(user):
    """One person's notifications, newest first."""
    return Notification.objects.for_recipient(user).order_by("-created_at", "-id")


def notification_for_recipient(*, user, notification_id: int) -> Notification:
    """One notification, only for its recipient.

    Missing and someone else's raise the same 404, so ids reveal nothing.
    """
    if not user.is_authenticated:
        raise Http404
    try:
        return Notification.objects.get(pk=notification_id, recipient=user)
    except Notification.DoesNotExist:
        raise Http404 from None


def effective_preferences(user) -> dict[str, str]:
    """Every registered kind with the person's delivery (their choice, else the default)."""
    chosen = dict(
        NotificationPreference.objects.filter(user=user).values_list("kind", "delivery")
    )
    return {k.key: chosen.get(k.key, k.default_delivery) for k in kinds.all_kinds()}
