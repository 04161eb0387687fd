"""Background tasks: the e-mail for an instant notification and the digests."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.tasks import task
from django.utils import timezone

from notifications.emails import can_email, send_digest_mail, send_notification_mail
from notifications.models import Delivery, Notification

logger = logging.getLogger(__name__)

DIGEST_PERIODS = (Delivery.DAILY, Delivery.WEEKLY)


def claim_email(notification_id: int) -> bool:
    """Take the right to send this notification's e-mail; True for one caller only.

    A conditional UPDATE: it succeeds when the e-mail is not sent and nobody holds a
    claim, or the claim is older than NOTIFICATION_EMAIL_CLAIM_SECONDS (the worker
    that held it died mid-send). Committed at once, before anything is sent.
    """
    now = timezone.now()
    stale = now - timedelta(seconds=settings.NOTIFICATION_EMAIL_CLAIM_SECONDS)
    return bool(
        Notification.objects.filter(pk=notification_id, emailed_at__isnull=True)
        .filter(Q(email_claimed_at__isnull=True) | Q(email_claimed_at__lt=stale))
        .update(email_claimed_at=now)
    )


def release_email_claim(notification_id: int) -> None:
    """Give the claim back after a failed send, so a later run may try again."""
    Notification.objects.filter(pk=notification_id, emailed_at__isnull=True).update(
        email_claimed_at=None
    )


# Pauses before the 2nd, 3rd and 4th attempt at an e-mail the mail server refused or
# could not be reached for; after the last, the task fails (kept in the task results).
EMAIL_RETRY_DELAYS = (60, 300, 1800)


def _retry_later(notification_id: int, attempt: int) -> bool:
    """Enqueue the next attempt after a pause; False when none is left or possible."""
    if attempt > len(EMAIL_RETRY_DELAYS):
        return False
    if not send_notification_email.get_backend().supports_defer:
        return False  # the immediate backend (tests, no worker): fail now
    run_after = timezone.now() + timedelta(seconds=EMAIL_RETRY_DELAYS[attempt - 1])
    send_notification_email.using(run_after=run_after).enqueue(
        notification_id=notification_id, attempt=attempt + 1
    )
    logger.warning(
        "E-mail for notification %s failed (attempt %d); retrying at %s",
        notification_id,
        attempt,
        run_after.isoformat(),
        exc_info=True,
    )
    return True


@task
def send_notification_email(notification_id: int, attempt: int = 1) -> bool:
    """E-mail one instant notification and stamp `emailed_at`; exactly once in effect.

    The delivery is claimed (`claim_email`) before sending and stamped after, so
    this task may run any number of times (a re-run, a task handed back after its
    worker died) and the mail still goes out once: a second run finds it claimed or
    sent. If the worker dies mid-send, the claim goes stale and the recovered task
    sends it; if the mail server fails, another attempt is queued for later. Sends nothing for a notification already e-mailed or deleted, or to a
    person without a verified address or whose account was anonymised.
    """
    notification = (
        Notification.objects.select_related("recipient")
        .filter(pk=notification_id, emailed_at__isnull=True)
        .first()
    )
    if notification is None or not can_email(notification.recipient):
        return False
    if not claim_email(notification_id):
        return False
    try:
        send_notification_mail(notification)
    except Exception:
        # Not sent (the mail server refused or could not be reached): give the
        # claim back and try again later (EMAIL_RETRY_DELAYS).
        release_email_claim(notification_id)
        if _retry_later(notification_id, attempt):
            return False
        raise
    except BaseException:
        release_email_claim(notification_id)
        raise
    Notification.objects.filter(pk=notification_id).update(emailed_at=timezone.now())
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
