"""Deliberation, minutes, resolutions and follow-up (issue 4, §3 and §6).

Imported at the end of `consultation.models`, so these are models of the
consultation app. The chain continues from the meeting and its votes:

    Comment (+ CommentReport)       on a consultation, optionally on an agenda item
    Minutes --confirmed--> Resolution --> FollowUpItem (+ Milestone, ProgressUpdate,
        ProgressPhoto, FollowUpFollower, FollowUpRating)

Every write goes through `consultation.deliberation` or `consultation.followup`.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
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


# ---------------------------------------------------------------------------
# Minutes and resolutions
# ---------------------------------------------------------------------------
class Minutes(models.Model):
    """A meeting's minutes: drafted from the record, edited, confirmed by participants."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        CIRCULATING = "circulating", _("awaiting participants' confirmation")
        CONFIRMED = "confirmed", _("confirmed")

    meeting = models.OneToOneField(
        "consultation.Meeting",
        on_delete=models.CASCADE,
        related_name="minutes",
        verbose_name=_("meeting"),
    )
    record = models.TextField(_("record of the meeting"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    drafted_at = models.DateTimeField(_("drafted at"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("edited by"),
    )
    circulated_at = models.DateTimeField(_("sent for confirmation at"), null=True)
    circulated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent for confirmation by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.status}"

    @property
    def community(self):
        return self.meeting.community


class MinutesConfirmation(models.Model):
    """One participant's confirmation of the minutes (once each)."""

    minutes = models.ForeignKey(
        Minutes,
        on_delete=models.CASCADE,
        related_name="confirmations",
        verbose_name=_("minutes"),
    )
    participant = models.ForeignKey(
        "consultation.Participant",
        on_delete=models.CASCADE,
        related_name="minutes_confirmations",
        verbose_name=_("participant"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), default=timezone.now)

    class Meta:
        verbose_name = _("confirmation of minutes")
        verbose_name_plural = _("confirmations of minutes")
        ordering = ["confirmed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["minutes", "user"], name="consultation_minutes_confirm_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} ✓ {self.minutes_id}"


class Resolution(models.Model):
    """What a consultation decided, from its confirmed minutes; published to the
    community's disclosure board through `consultation.publishing`."""

    class Publication(models.TextChoices):
        PENDING = "pending", _("waiting for the disclosure board")
        PUBLISHED = "published", _("published on the disclosure board")

    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.CASCADE,
        related_name="resolutions",
        verbose_name=_("community"),
    )
    consultation = models.ForeignKey(
        "consultation.Consultation",
        on_delete=models.CASCADE,
        related_name="resolutions",
        verbose_name=_("consultation"),
    )
    minutes = models.OneToOneField(
        Minutes,
        on_delete=models.PROTECT,
        related_name="resolution",
        verbose_name=_("minutes"),
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("resolution"))
    adopted_at = models.DateTimeField(_("adopted at"), default=timezone.now)
    publication = models.CharField(
        _("publication"),
        max_length=10,
        choices=Publication.choices,
        default=Publication.PENDING,
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    publication_ref = models.CharField(
        _("disclosure reference"), max_length=300, blank=True
    )

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        ordering = ["-adopted_at", "-pk"]

    def __str__(self) -> str:
        return self.title


# ---------------------------------------------------------------------------
# Follow-up
# ---------------------------------------------------------------------------
class FollowUpQuerySet(models.QuerySet):
    def open(self) -> FollowUpQuerySet:
        return self.filter(closed_at__isnull=True)

    def overdue(self, today: datetime.date | None = None) -> FollowUpQuerySet:
        today = today or timezone.localdate()
        return self.open().filter(due_on__lt=today)


class FollowUpItem(models.Model):
    """A task carrying out a resolution: owner, due date, milestones, updates."""

    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.CASCADE,
        related_name="followup_items",
        verbose_name=_("community"),
    )
    resolution = models.ForeignKey(
        Resolution,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("resolution"),
    )
    title = models.CharField(_("task"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultation_followups",
        verbose_name=_("owner (committee member)"),
    )
    owner_unit = models.CharField(_("owner (unit)"), max_length=120, blank=True)
    due_on = models.DateField(_("due"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    final_report = models.TextField(_("final report"), blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up item")
        verbose_name_plural = _("follow-up items")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["community", "closed_at", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(owner_user__isnull=False) | ~Q(owner_unit=""),
                name="consultation_followup_has_owner",
            ),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | ~Q(final_report=""),
                name="consultation_followup_closed_with_report",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    @property
    def is_overdue(self) -> bool:
        return not self.is_closed and self.due_on < timezone.localdate()

    @property
    def owner_label(self) -> str:
        if self.owner_unit:
            return self.owner_unit
        return self.owner_user.public_name if self.owner_user_id else ""


class Milestone(models.Model):
    item = models.ForeignKey(
        FollowUpItem,
        on_delete=models.CASCADE,
        related_name="milestones",
        verbose_name=_("follow-up item"),
    )
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due"), null=True, blank=True)
    done_at = models.DateTimeField(_("reached at"), null=True, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class ProgressUpdate(models.Model):
    item = models.ForeignKey(
        FollowUpItem,
        on_delete=models.CASCADE,
        related_name="updates",
        verbose_name=_("follow-up item"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(_("progress"), max_length=4000)
    created_at = models.DateTimeField(_("posted at"), default=timezone.now)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.text[:50]


class ProgressPhoto(models.Model):
    """A photo of a progress update, stored only as re-encoded (no EXIF, no GPS)."""

    update = models.ForeignKey(
        ProgressUpdate,
        on_delete=models.CASCADE,
        related_name="photos",
        verbose_name=_("progress update"),
    )
    image = models.ImageField(_("photo"), upload_to="consultation/followups/%Y/%m/")

    class Meta:
        verbose_name = _("progress photo")
        verbose_name_plural = _("progress photos")

    def __str__(self) -> str:
        return self.image.name


class FollowUpFollower(models.Model):
    item = models.ForeignKey(
        FollowUpItem,
        on_delete=models.CASCADE,
        related_name="followers",
        verbose_name=_("follow-up item"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="consultation_followed_items",
        verbose_name=_("follower"),
    )
    created_at = models.DateTimeField(_("since"), default=timezone.now)

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        constraints = [
            models.UniqueConstraint(
                fields=["item", "user"], name="consultation_follow_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.item_id}"


class FollowUpRating(models.Model):
    """A participating resident's rating of a finished item (1-5, once each)."""

    item = models.ForeignKey(
        FollowUpItem,
        on_delete=models.CASCADE,
        related_name="ratings",
        verbose_name=_("follow-up item"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("rated by"),
    )
    score = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("rated at"), default=timezone.now)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "user"], name="consultation_rating_once"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5),
                name="consultation_rating_score_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.score}"
