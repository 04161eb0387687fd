"""Live meeting mode: the queue of speaking requests."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consultation.meetings.models import Meeting

# Deliberation, minutes, resolutions and follow-up live in their own module.


class SpeakingRequest(models.Model):
    """A raised hand at a live meeting: waiting, then called to speak, then done.

    A person has at most one request not yet done per meeting (unique in the database).
    """

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="speaking_requests",
        verbose_name=_("meeting"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("person"),
    )
    raised_at = models.DateTimeField(_("hand raised at"), default=timezone.now)
    called_at = models.DateTimeField(_("called to speak at"), null=True, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        verbose_name = _("speaking request")
        verbose_name_plural = _("speaking requests")
        ordering = ["meeting", "raised_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"],
                condition=Q(done_at__isnull=True),
                name="consultation_one_raised_hand",
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.user_id}"
