"""In-app notifications and each person's delivery preferences."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_feed_token() -> str:
    """A fresh secret for a personal calendar feed address."""
    return secrets.token_urlsafe(32)


class Delivery(models.TextChoices):
    INSTANT = "instant", _("in-app and email at once")
    IN_APP = "in_app", _("in-app only")
    DAILY = "daily", _("in-app and a daily email digest")
    WEEKLY = "weekly", _("in-app and a weekly email digest")
    OFF = "off", _("off")


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def for_recipient(self, user):
        return self.filter(recipient=user)

    def awaiting_digest(self, period: str):
        """Notifications promised to a daily or weekly digest and not yet sent in one."""
        return self.filter(delivery=period, digested_at__isnull=True)


class Notification(models.Model):
    """One message to one person. The unread count is always read from this table."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=60)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    # The delivery chosen when the notification was created: later preference changes
    # do not pull old notifications into an e-mail.
    delivery = models.CharField(
        _("delivery"),
        max_length=10,
        choices=Delivery.choices,
        default=Delivery.IN_APP,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True)
    # Set by the one worker that sends the e-mail, before it sends (a conditional
    # update); a claim older than NOTIFICATION_EMAIL_CLAIM_SECONDS without
    # `emailed_at` belongs to a worker that died mid-send and may be taken over.
    email_claimed_at = models.DateTimeField(
        _("e-mail claimed at"), null=True, blank=True
    )
    digested_at = models.DateTimeField(
        _("included in digest at"), null=True, blank=True
    )

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="notifications_unread_idx",
            ),
            models.Index(
                fields=["delivery", "recipient"],
                condition=models.Q(
                    digested_at__isnull=True, delivery__in=["daily", "weekly"]
                ),
                name="notifications_digest_due_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class NotificationPreference(models.Model):
    """How one person wants one kind of notification delivered."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("kind"), max_length=60)
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery.choices)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"], name="notifications_pref_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.kind}: {self.delivery}"


class PeriodicRun(models.Model):
    """One claimed slot of a scheduled job.

    The unique (name, slot) row is the lock: whichever scheduler process inserts it
    first enqueues the job; every other process sees the conflict and skips it.
    """

    name = models.CharField(_("job"), max_length=100)
    slot = models.DateTimeField(_("slot"))
    claimed_at = models.DateTimeField(_("claimed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("periodic run")
        verbose_name_plural = _("periodic runs")
        constraints = [
            models.UniqueConstraint(
                fields=["name", "slot"], name="notifications_periodic_run_unique"
            ),
        ]
        indexes = [models.Index(fields=["slot"], name="notifications_run_slot_idx")]

    def __str__(self) -> str:
        return f"{self.name} @ {self.slot.isoformat()}"


class CalendarFeed(models.Model):
    """The secret token of a person's personal iCal feed; resetting replaces it.

    One address per person for every app's events (notifications.calendar). Moved
    here from volunteers with its rows, so existing addresses keep working.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed",
        verbose_name=_("person"),
    )
    token = models.CharField(
        _("token"), max_length=64, unique=True, default=new_feed_token
    )
    created_at = models.DateTimeField(_("created at"), auto_now=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)


class ProcessHeartbeat(models.Model):
    """The last check-in of one background process (a task worker or a scheduler).

    Each process updates its row every pass; `/readyz` reports a kind whose newest
    check-in is older than PROCESS_CHECK_IN_MAX_AGE, and the worker hands back tasks
    left RUNNING by a worker that stopped checking in.
    """

    WORKER = "worker"
    SCHEDULER = "scheduler"

    kind = models.CharField(_("kind"), max_length=20)
    process_id = models.CharField(_("process"), max_length=100, unique=True)
    started_at = models.DateTimeField(_("started at"))
    seen_at = models.DateTimeField(_("last seen at"))

    class Meta:
        verbose_name = _("process heartbeat")
        verbose_name_plural = _("process heartbeats")
        indexes = [
            models.Index(fields=["kind", "seen_at"], name="notifications_beat_idx")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.process_id} @ {self.seen_at.isoformat()}"
