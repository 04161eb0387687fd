"""Background tasks: the e-mail for an instant notification and the digests."""

from __future__ import annotations

import logging

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from notifications.emails import can_email, send_digest_mail, send_notification_mail
from notifications.models import Delivery, Notification

logger = logging.getLogger(__name__)

DIGEST_PERIODS = (Delivery.DAILY, Delivery.WEEKLY)


@task
def send_notification_email(notification_id: int) -> bool:
    """E-mail one instant notification and stamp `emailed_at`.

    Sends nothing for a notification already e-mailed or deleted, or to a person
    without a verified address or whose account was anonymised.
    """
    notification = (
        Notification.objects.select_related("recipient")
        .filter(pk=notification_id, emailed_at__isnull=True)
        .first()
    )
    if notification is None or not can_email(notification.recipient):
        return False
    send_notification_mail(notification)
    notification.emailed_at = timezone.now()
    notification.save(update_fields=["emailed_at"])
    return True


@task
def send_digests(period: str = Delivery.DAILY) -> int:
    """Send each person one e-mail with their notifications waiting for this digest.

    Notifications are stamped `digested_at` once handled (also for people who cannot
    receive e-mail, so they do not pile up). Nothing is sent to someone with nothing
    new. Returns the number of e-mails sent.
    """
    if period not in DIGEST_PERIODS:
        raise ValueError(f"Unknown digest period {period!r}.")
    recipient_ids = list(
        Notification.objects.awaiting_digest(period)
        .order_by("recipient_id")
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    sent = 0
    for recipient_id in recipient_ids:
        try:
            sent += _send_digest_to(recipient_id=recipient_id, period=period)
        except Exception:
            # One failing address must not stop everyone else's digest; this
            # person's notifications stay pending for the next run.
            logger.exception("Digest for user %s failed", recipient_id)
    return sent


@transaction.atomic
def _send_digest_to(*, recipient_id: int, period: str) -> int:
    # Lock the rows so a concurrent run cannot send the same notifications twice;
    # if sending fails, the transaction rolls back and they stay pending.
    pending = list(
        Notification.objects.awaiting_digest(period)
        .filter(recipient_id=recipient_id)
        .select_for_update()
        .order_by("created_at", "id")
    )
    if not pending:
        return 0
    user = pending[0].recipient
    sent = 0
    if can_email(user):
        send_digest_mail(user=user, period=period, notifications=pending)
        sent = 1
    Notification.objects.filter(pk__in=[n.pk for n in pending]).update(
        digested_at=timezone.now()
    )
    return sent
