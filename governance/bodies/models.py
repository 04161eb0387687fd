"""Governance records: the community's bodies (两委, 监督委员会, 下属委员会) and terms of office.

Every write goes through governance.bodies.services, which enforces the rules that span rows
(the supervision committee's size, its single chair, its independence from 两委).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The supervision committee has three to five members (2017 中办/国办 guidance).
SUPERVISION_MIN_MEMBERS = 3
SUPERVISION_MAX_MEMBERS = 5


class Preset(models.TextChoices):
    """The standard sub-committees every community starts with (the list is editable)."""

    MEDIATION = "mediation", _("people's mediation")
    SECURITY = "security", _("public security")
    HEALTH = "health", _("public health")
    WELFARE = "welfare", _("welfare")
    CULTURE = "culture", _("culture and education")
    ENVIRONMENT = "environment", _("environment and property")


class BodyQuerySet(models.QuerySet):
    def active(self) -> BodyQuerySet:
        return self.filter(is_active=True)


class Body(models.Model):
    """A body of a community: its committee, its Party committee, its supervision
    committee or one of its sub-committees.

    The first three exist once per community (a database constraint). Sub-committees
    start from the standard list (`Preset`) and the committee may add, rename or
    dissolve them.
    """

    class Kind(models.TextChoices):
        COMMITTEE = "committee", _("residents' committee")
        PARTY = "party", _("Party committee")
        SUPERVISION = "supervision", _("supervision committee")
        SUBCOMMITTEE = "subcommittee", _("sub-committee")

    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.CASCADE,
        related_name="bodies",
        verbose_name=_("community"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    preset = models.CharField(
        _("standard sub-committee"),
        max_length=20,
        choices=Preset.choices,
        blank=True,
        help_text=_("Which standard sub-committee this is, if any."),
    )
    name = models.CharField(
        _("name"),
        max_length=60,
        blank=True,
        help_text=_("Leave empty to use the standard name."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Dissolved sub-committees are kept for the record but not shown."),
    )

    objects = BodyQuerySet.as_manager()

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["community", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "kind"],
                condition=~Q(kind="subcommittee"),
                name="governance_one_main_body_of_each_kind",
            ),
            models.UniqueConstraint(
                fields=["community", "preset"],
                condition=~Q(preset=""),
                name="governance_one_body_per_preset",
            ),
        ]

    def __str__(self) -> str:
        return str(self.display_name)

    @property
    def display_name(self) -> str:
        if self.name:
            return self.name
        if self.preset:
            return Preset(self.preset).label
        if self.kind == self.Kind.COMMITTEE and self.community.is_village:
            return _("villagers' committee")
        return self.Kind(self.kind).label

    @property
    def is_supervision(self) -> bool:
        return self.kind == self.Kind.SUPERVISION

    @property
    def is_two_committees(self) -> bool:
        """The residents'/villagers' committee or the Party committee (两委)."""
        return self.kind in (self.Kind.COMMITTEE, self.Kind.PARTY)


class Position(models.TextChoices):
    """An office within a body. Chairs (主任, 书记) are one per body at a time."""

    SECRETARY = "secretary", _("secretary")
    DEPUTY_SECRETARY = "deputy_secretary", _("deputy secretary")
    CHAIR = "chair", _("chair")
    VICE_CHAIR = "vice_chair", _("vice chair")
    MEMBER = "member", _("member")


CHAIR_POSITIONS = {Position.CHAIR, Position.SECRETARY}
PARTY_POSITIONS = {Position.SECRETARY, Position.DEPUTY_SECRETARY, Position.MEMBER}
OTHER_POSITIONS = {Position.CHAIR, Position.VICE_CHAIR, Position.MEMBER}
POSITION_RANK = {position: rank for rank, position in enumerate(Position)}


class TermQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None) -> TermQuerySet:
        """Terms in force on a day: started and not yet ended (the end day counts)."""
        on = on or timezone.localdate()
        return self.filter(
            Q(starts_on__lte=on), Q(ends_on__isnull=True) | Q(ends_on__gte=on)
        )

    def overlapping(
        self, starts_on: datetime.date, ends_on: datetime.date | None
    ) -> TermQuerySet:
        """Terms that share at least one day with the period [starts_on, ends_on]."""
        qs = self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on))
        if ends_on is not None:
            qs = qs.filter(starts_on__lte=ends_on)
        return qs


def _photo_path(instance: Term, filename: str) -> str:
    return f"governance/photos/{filename}"


class Term(models.Model):
    """A person holding a position in a body from a start date to an optional end.

    Appointed and ended only through governance.bodies.services, which audits both.
    """

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="terms", verbose_name=_("body")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="governance_terms",
        verbose_name=_("person"),
    )
    position = models.CharField(_("position"), max_length=20, choices=Position.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(
        _("ends on"),
        null=True,
        blank=True,
        help_text=_("The last day in office. Empty while the term runs."),
    )
    photo = models.ImageField(
        _("photo"),
        upload_to=_photo_path,
        blank=True,
        help_text=_("Optional. Resized and stripped of metadata when uploaded."),
    )
    # The committee role that came with a 两委 term (governance.bodies.services):
    # shared by the person's 两委 terms in the community, ended with the last.
    role_grant = models.ForeignKey(
        "communities.RoleGrant",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="terms",
        verbose_name=_("role grant"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = TermQuerySet.as_manager()

    class Meta:
        verbose_name = _("term of office")
        verbose_name_plural = _("terms of office")
        ordering = ["body", "starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="governance_term_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person.public_name}, {self.get_position_display()}"

    @property
    def is_chair(self) -> bool:
        return self.position in CHAIR_POSITIONS
