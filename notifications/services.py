"""`notify`: the one way every app tells people something, and changes to read state."""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Iterable, Mapping
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config import pushes
from notifications import kinds
from notifications.consumers import user_group
from notifications.models import (
    Delivery,
    Notification,
    NotificationPreference,
    ProcessHeartbeat,
)
from notifications.tasks import send_notification_email

logger = logging.getLogger(__name__)


def push_unread_changed(user_ids: Iterable[int]) -> None:
    """Tell each person's open pages to re-read their unread count (after commit).

    Never raises: with the channel layer down (Redis unreachable) the live badge
    misses this update and the change itself still succeeds.
    """
    for user_id in set(user_ids):
        pushes.group_send(user_group(user_id), {"type": "notifications.changed"})


def _push_after_commit(user_ids: Iterable[int]) -> None:
    user_ids = list(user_ids)
    if user_ids:
        transaction.on_commit(partial(push_unread_changed, user_ids))


def _enqueue_emails(notification_ids: list[int]) -> None:
    for notification_id in notification_ids:
        send_notification_email.enqueue(notification_id=notification_id)


@transaction.atomic
def notify(
    *,
    recipients,
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
) -> list[Notification]:
    """Create in-app notifications for each recipient who has not switched this kind off.

    Each person's preference (or the kind's default) decides the delivery: instant
    deliveries get an e-mail task, daily and weekly ones wait for the digest. The
    live badge update and the e-mail task are queued after the surrounding
    transaction commits, so a rolled-back change tells nobody anything.
    """
    kind_def = kinds.get(kind)
    if hasattr(recipients, "pk"):
        recipients = [recipients]
    recipients = list({r.pk: r for r in recipients if r is not None}.values())
    prefs = dict(
        NotificationPreference.objects.filter(
            user__in=recipients, kind=kind
        ).values_list("user_id", "delivery")
    )
    created = []
    for recipient in recipients:
        delivery = prefs.get(recipient.pk, kind_def.default_delivery)
        if delivery == Delivery.OFF:
            continue
        created.append(
            Notification(
                recipient=recipient,
                kind=kind,
                title=str(title)[:200],
                body=str(body),
                url=url,
                delivery=delivery,
            )
        )
    Notification.objects.bulk_create(created)
    _push_after_commit(n.recipient_id for n in created)
    instant_ids = [n.pk for n in created if n.delivery == Delivery.INSTANT]
    if instant_ids:
        transaction.on_commit(partial(_enqueue_emails, instant_ids))
    return created


@transaction.atomic
def mark_read(*, notification: Notification) -> Notification:
    """Mark one notification read (once; reading it again keeps the first time)."""
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        _push_after_commit([notification.recipient_id])
    return notification


@transaction.atomic
def mark_all_read(*, user) -> int:
    """Mark every unread notification of one person read; returns how many changed."""
    changed = (
        Notification.objects.for_recipient(user).unread().update(read_at=timezone.now())
    )
    if changed:
        _push_after_commit([user.pk])
    return changed


@transaction.atomic
def set_preferences(*, user, deliveries: Mapping[str, str]) -> dict[str, str]:
    """Save how one person wants each kind delivered; all or nothing.

    Unknown kinds or delivery values raise ValidationError before anything is written.
    """
    valid = set(Delivery.values)
    errors = {}
    for key, delivery in deliveries.items():
        try:
            kinds.get(key)
        except LookupError:
            errors[key] = _("Unknown notification type.")
            continue
        if delivery not in valid:
            errors[key] = _("Choose one of the listed delivery options.")
    if errors:
        raise ValidationError(errors)
    existing = {
        p.kind: p
        for p in NotificationPreference.objects.filter(
            user=user, kind__in=list(deliveries)
        )
    }
    for key, delivery in deliveries.items():
        pref = existing.get(key)
        if pref is None:
            NotificationPreference.objects.create(
                user=user, kind=key, delivery=delivery
            )
        elif pref.delivery != delivery:
            pref.delivery = delivery
            pref.save(update_fields=["delivery"])
    return dict(deliveries)


@transaction.atomic
def delete_notifications_of(*, user) -> int:
    """Remove every notification of one person (account deletion)."""
    deleted, _details = Notification.objects.for_recipient(user).delete()
    if deleted:
        _push_after_commit([user.pk])
    return deleted


# ---------------------------------------------------------------------------
# Background processes checking in (task worker, scheduler)
# ---------------------------------------------------------------------------
def process_id(kind: str) -> str:
    """A name for this process, unique on the machine and readable in the admin."""
    return f"{kind}:{socket.gethostname()}:{os.getpid()}"[:100]


def check_in(*, kind: str, process: str, started_at=None) -> None:
    """Record that this background process is alive (one row per process)."""
    now = timezone.now()
    updated = ProcessHeartbeat.objects.filter(process_id=process).update(seen_at=now)
    if not updated:
        ProcessHeartbeat.objects.update_or_create(
            process_id=process,
            defaults={"kind": kind, "seen_at": now},
            create_defaults={
                "kind": kind,
                "seen_at": now,
                "started_at": started_at or now,
            },
        )


def check_out(*, process: str) -> None:
    """Forget a process that stops cleanly (so it is not taken for a stuck one)."""
    ProcessHeartbeat.objects.filter(process_id=process).delete()


def check_in_max_age() -> timedelta:
    return timedelta(seconds=settings.PROCESS_CHECK_IN_MAX_AGE)


def last_check_in(kind: str):
    """When any process of this kind last checked in (None if never)."""
    return (
        ProcessHeartbeat.objects.filter(kind=kind)
        .order_by("-seen_at")
        .values_list("seen_at", flat=True)
        .first()
    )


def prune_check_ins(*, older_than: timedelta = timedelta(days=1)) -> int:
    """Forget processes not seen for a long time (restarted workers leave rows)."""
    deleted, _details = ProcessHeartbeat.objects.filter(
        seen_at__lt=timezone.now() - older_than
    ).delete()
    return deleted
