"""Notice records that live outside the pages (notices themselves are pages)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NoticeAnnouncement(models.Model):
    """Marks a notice whose residents were told; a notice is announced once only.

    Kept outside the page so later revisions (which copy every page field) cannot
    undo it.
    """

    notice = models.OneToOneField(
        "governance.NoticePage",
        on_delete=models.CASCADE,
        related_name="announcement",
        verbose_name=_("notice"),
    )
    announced_at = models.DateTimeField(_("announced"), default=timezone.now)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("notice announcement")
        verbose_name_plural = _("notice announcements")

    def __str__(self) -> str:
        return f"{self.notice_id} @ {self.announced_at:%Y-%m-%d %H:%M}"
