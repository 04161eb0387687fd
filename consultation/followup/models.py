"""Follow-up of decisions: minutes and their confirmations, resolutions, follow-up
items with milestones, progress updates and photos, followers and ratings.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
    community's disclosure board through `consultation.followup.publishing`."""

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
