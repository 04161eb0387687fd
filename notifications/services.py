"""`notify`: the one way every app tells people something."""

from __future__ import annotations

from collections.abc import Iterable

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from notifications import kinds
from notifications.consumers import user_group
from notifications.models import Delivery, Notification, NotificationPreference


def push_unread_changed(user_ids: Iterable[int]) -> None:
    """Tell each person's open pages to re-read their unread count (after commit)."""
    layer = get_channel_layer()
    if layer is None:
        return
    for user_id in set(user_ids):
        async_to_sync(layer.group_send)(
            user_group(user_id), {"type": "notifications.changed"}
        )


def notify(
    *,
    recipients,
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
) -> list[Notification]:
    """Create in-app notifications for each recipient who has not switched this kind off.

    Live badge updates (and e-mail) happen after the surrounding transaction commits,
    so a rolled-back change tells nobody anything.
    """
    kind_def = kinds.get(kind)
    if hasattr(recipients, "pk"):
        recipients = [recipients]
    recipients = [r for r in recipients if r is not None]
    prefs = dict(
        NotificationPreference.objects.filter(
            user__in=recipients, kind=kind
        ).values_list("user_id", "delivery")
    )
    created = [
        Notification(
            recipient=r, kind=kind, title=str(title)[:200], body=str(body), url=url
        )
        for r in recipients
        if prefs.get(r.pk, kind_def.default_delivery) != Delivery.OFF
    ]
    Notification.objects.bulk_create(created)
    user_ids = [n.recipient_id for n in created]
    transaction.on_commit(lambda: push_unread_changed(user_ids))
    return created
