"""Deliberation: comments on a consultation (or an agenda item) and their reports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

COMMENT_MAX_LENGTH = 2000


# ---------------------------------------------------------------------------
# Deliberation
# ---------------------------------------------------------------------------
class Comment(models.Model):
    """A plain-text comment on a consultation, or on one agenda item of its meetings.

    Replies go one level deep: a reply's parent is always a top-level comment.
    """

    consultation = models.ForeignKey(
        "consultation.Consultation",
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("consultation"),
    )
    agenda_item = models.ForeignKey(
        "consultation.AgendaItem",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("agenda item"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("in reply to"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="consultation_comments",
        verbose_name=_("author"),
    )
    body = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH)
    created_at = models.DateTimeField(_("posted at"), default=timezone.now)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hidden by"),
    )
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["consultation", "created_at"]),
            models.Index(fields=["agenda_item", "created_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(hidden_at__isnull=True) | ~Q(hidden_reason=""),
                name="consultation_comment_hidden_has_reason",
            )
        ]

    def __str__(self) -> str:
        return self.body[:50]

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def community(self):
        """Permission checks answer for the consultation's community."""
        return self.consultation.community


class CommentReport(models.Model):
    """A resident's report that a comment breaks the rules (once per person)."""

    comment = models.ForeignKey(
        Comment,
        on_delete=models.CASCADE,
        related_name="reports",
        verbose_name=_("comment"),
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("reported by"),
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("reported at"), default=timezone.now)

    class Meta:
        verbose_name = _("comment report")
        verbose_name_plural = _("comment reports")
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter"], name="consultation_report_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reporter_id} → {self.comment_id}"
