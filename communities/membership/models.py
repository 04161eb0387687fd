"""Households and residency: a person's membership of a community, verified by
its committee."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.regions.models import Community, Grid


class Household(models.Model):
    """A household: building/unit/room in a 社区, village group/house number in a 村."""

    community = models.ForeignKey(
        Community,
        on_delete=models.CASCADE,
        related_name="households",
        verbose_name=_("community"),
    )
    grid = models.ForeignKey(
        Grid,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="households",
        verbose_name=_("grid"),
    )
    building = models.CharField(_("building"), max_length=20, blank=True)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    room = models.CharField(_("room"), max_length=20, blank=True)
    village_group = models.CharField(_("village group"), max_length=40, blank=True)
    house_number = models.CharField(_("house number"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = [
            "community",
            "building",
            "unit",
            "room",
            "village_group",
            "house_number",
        ]
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "community",
                    "building",
                    "unit",
                    "room",
                    "village_group",
                    "house_number",
                ],
                name="communities_household_address_unique",
            ),
            models.CheckConstraint(
                condition=(~Q(building="") & ~Q(room=""))
                | (~Q(village_group="") & ~Q(house_number="")),
                name="communities_household_has_address",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.village_group:
            return _("%(group)s, No. %(number)s") % {
                "group": self.village_group,
                "number": self.house_number,
            }
        parts = [
            _("Building %(b)s") % {"b": self.building},
            _("Unit %(u)s") % {"u": self.unit} if self.unit else "",
            _("Room %(r)s") % {"r": self.room},
        ]
        return " ".join(str(p) for p in parts if p)

    def clean(self) -> None:
        urban = bool(self.building and self.room)
        rural = bool(self.village_group and self.house_number)
        if not (urban or rural):
            raise ValidationError(
                _("Give a building and room, or a village group and house number.")
            )


class MembershipQuerySet(models.QuerySet):
    def verified(self) -> MembershipQuerySet:
        return self.filter(status=Membership.Status.VERIFIED)

    def pending(self) -> MembershipQuerySet:
        return self.filter(status=Membership.Status.PENDING)


class Membership(models.Model):
    """A person's residency in a community, verified by a committee member."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for verification")
        VERIFIED = "verified", _("verified")
        REJECTED = "rejected", _("rejected")
        LEFT = "left", _("left")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("person"),
    )
    community = models.ForeignKey(
        Community,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("community"),
    )
    household = models.ForeignKey(
        Household,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("household"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    is_adult = models.BooleanField(
        _("18 or older"),
        default=True,
        help_text=_("Adults count towards petition thresholds."),
    )
    is_representative = models.BooleanField(
        _("household representative"),
        default=False,
        help_text=_("Votes for the household in household-mode ballots."),
    )
    note = models.CharField(_("note for the committee"), max_length=300, blank=True)
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "community"],
                name="communities_membership_one_per_community",
            ),
            models.UniqueConstraint(
                fields=["household"],
                condition=Q(is_representative=True),
                name="communities_membership_one_representative",
                violation_error_message=_(
                    "This household already has a representative."
                ),
            ),
            models.CheckConstraint(
                condition=Q(is_representative=False) | Q(status="verified"),
                name="communities_membership_representative_verified",
            ),
        ]
        indexes = [
            # Officers' pages count join requests waiting over a whole street or
            # district; in a city the pending rows are a few among millions.
            models.Index(
                fields=["community"],
                condition=Q(status="pending"),
                name="membership_pending_idx",
            ),
            # Verified residents per community, from the index alone.
            models.Index(
                fields=["community", "status"], name="membership_community_status"
            ),
            # The verified adults a petition's threshold is a share of, counted on
            # every support (consultation.topics.services.petition_threshold): an
            # index-only count, 0.26 ms for 2,500 residents against 0.73 ms.
            models.Index(
                fields=["community"],
                condition=Q(status="verified", is_adult=True),
                name="membership_verified_adults",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.community} ({self.get_status_display()})"
