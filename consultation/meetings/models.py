"""Meetings of a consultation, their agenda items and participants."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.masking import mask_name
from consultation.topics.models import Consultation

# Deliberation, minutes, resolutions and follow-up live in their own module.


# ---------------------------------------------------------------------------
# Meetings
# ---------------------------------------------------------------------------
class Meeting(models.Model):
    """A meeting (or online consultation) of a consultation, with its notice."""

    class Form(models.TextChoices):
        DELIBERATION = "deliberation", _("deliberation meeting (议事会)")
        HEARING = "hearing", _("hearing (听证会)")
        DIALOGUE = "dialogue", _("dialogue (恳谈会)")
        ASSEMBLY = "assembly", _("residents' / villagers' assembly (居民会议/村民会议)")
        REPRESENTATIVES = "representatives", _("representatives' assembly (代表会议)")
        ONLINE = "online", _("online consultation")

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        ONLINE = "online", _("online")
        BOTH = "both", _("in person and online")

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="meetings",
        verbose_name=_("consultation"),
    )
    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.CASCADE,
        related_name="meetings",
        verbose_name=_("community"),
    )
    uid = models.UUIDField(_("calendar UID"), default=uuid.uuid4, unique=True)
    title = models.CharField(_("title"), max_length=200)
    form = models.CharField(_("form"), max_length=20, choices=Form.choices)
    mode = models.CharField(
        _("mode"), max_length=10, choices=Mode.choices, default=Mode.IN_PERSON
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    description = models.TextField(_("description"), blank=True)
    registration_open = models.BooleanField(_("open registration"), default=False)
    capacity = models.PositiveIntegerField(
        _("places for registration"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit."),
    )
    is_emergency = models.BooleanField(_("emergency meeting"), default=False)
    emergency_reason = models.TextField(_("reason for the short notice"), blank=True)
    notice_published_at = models.DateTimeField(
        _("notice published at"), null=True, blank=True
    )
    notice_published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("notice published by"),
    )
    held_at = models.DateTimeField(_("held at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    sequence = models.PositiveIntegerField(_("calendar revision"), default=0)
    # Live meeting mode (consultation/live/): the agenda item under discussion,
    # pushed to every participant's phone and the projector.
    current_item = models.ForeignKey(
        "AgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agenda item under discussion"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["community", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="consultation_meeting_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(is_emergency=False) | ~Q(emergency_reason=""),
                name="consultation_meeting_emergency_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_assembly(self) -> bool:
        return self.form == self.Form.ASSEMBLY

    @property
    def notice_published(self) -> bool:
        return self.notice_published_at is not None


class AgendaItem(models.Model):
    """One item of a meeting's agenda; a motion may be voted on it."""

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="agenda_items",
        verbose_name=_("meeting"),
    )
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"], name="consultation_agenda_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Participant(models.Model):
    """Someone taking part in a meeting: invited by kind, or registered openly."""

    class Kind(models.TextChoices):
        RESIDENT = "resident", _("resident")
        AFFECTED = "affected", _("affected party")
        UNIT = "unit", _("unit")
        ORGANISATION = "organisation", _("social organisation")
        EXPERT = "expert", _("expert (advisory)")

    class How(models.TextChoices):
        INVITED = "invited", _("invited")
        REGISTERED = "registered", _("registered")

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="participants",
        verbose_name=_("meeting"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="consultation_participations",
        verbose_name=_("person"),
    )
    name = models.CharField(
        _("name"),
        max_length=120,
        blank=True,
        help_text=_("For a unit, organisation or expert without an account."),
    )
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    how = models.CharField(_("how"), max_length=10, choices=How.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("added at"), default=timezone.now)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked in by"),
    )

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["meeting", "kind", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"],
                condition=Q(user__isnull=False),
                name="consultation_participant_once",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(name=""),
                name="consultation_participant_named",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.name:
            return self.name
        return str(self.user) if self.user_id else ""

    @property
    def public_name(self) -> str:
        """How public pages name the participant: a person by their public name, a
        person the committee named by hand masked (张*明); units, organisations and
        experts, who attend in their capacity, by name."""
        if self.user_id:
            return self.user.public_name
        if self.kind in (self.Kind.RESIDENT, self.Kind.AFFECTED):
            return mask_name(self.name)
        return self.name

    @property
    def may_vote(self) -> bool:
        """Experts are advisory and never vote."""
        return self.kind != self.Kind.EXPERT
