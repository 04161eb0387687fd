"""The administrative tree, households, residency and role grants.

district > street/town > community (社区) / village (村) > grid. Policy numbers a
community may change live in `CommunitySettings`, never in settings.py.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """A district (区/县) or a street/town (街道/乡镇). Officers are granted on these."""

    class Kind(models.TextChoices):
        DISTRICT = "district", _("district")
        STREET = "street", _("street")
        TOWN = "town", _("town")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=60, unique=True, allow_unicode=False)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="district", parent__isnull=True))
                | (Q(kind__in=["street", "town"], parent__isnull=False)),
                name="communities_region_district_is_root",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_district(self) -> bool:
        return self.kind == self.Kind.DISTRICT


class CommunityQuerySet(models.QuerySet):
    def in_region(self, region: Region) -> CommunityQuerySet:
        if region.is_district:
            return self.filter(street__parent=region)
        return self.filter(street=region)

    def search(self, text: str) -> CommunityQuerySet:
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(Q(name__icontains=text) | Q(street__name__icontains=text))


class Community(models.Model):
    """A 社区 (urban) or 村 (rural): the unit that publishes, consults and decides.

    Its URL space is `/<slug>/`, so slugs are unique across the platform.
    """

    class Kind(models.TextChoices):
        COMMUNITY = "community", _("urban community (社区)")
        VILLAGE = "village", _("village (村)")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=60,
        unique=True,
        help_text=_("Used in the web address: /<slug>/."),
    )
    street = models.ForeignKey(
        Region,
        verbose_name=_("street or town"),
        on_delete=models.PROTECT,
        related_name="communities",
        limit_choices_to={"kind__in": ["street", "town"]},
    )
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Wagtail admin rights follow role grants: committee members are put in this
    # group, which may edit the community's page subtree and media collection.
    editors_group = models.OneToOneField(
        "auth.Group",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="community",
        verbose_name=_("Wagtail editors group"),
    )
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("media collection"),
    )

    objects = CommunityQuerySet.as_manager()

    class Meta:
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"/{self.slug}/"

    @property
    def is_village(self) -> bool:
        return self.kind == self.Kind.VILLAGE

    @property
    def policy(self) -> CommunitySettings:
        """The community's policy numbers, created with defaults on first use."""
        try:
            return self.settings
        except CommunitySettings.DoesNotExist:
            policy, _created = CommunitySettings.objects.get_or_create(community=self)
            self.settings = policy
            return policy


class CommunitySettings(models.Model):
    """Policy numbers a community may change (DESIGN.md domain rules), with defaults."""

    community = models.OneToOneField(
        Community,
        on_delete=models.CASCADE,
        related_name="settings",
        verbose_name=_("community"),
    )
    # Consultation and meetings
    quorum_fraction = models.DecimalField(
        _("quorum (share of the electorate)"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.5"),
        validators=[
            MinValueValidator(Decimal("0.01")),
            MaxValueValidator(Decimal("1")),
        ],
        help_text=_(
            "A vote is valid when MORE than this share of the electorate takes part."
        ),
    )
    household_quorum_fraction = models.DecimalField(
        _("quorum when voting by household"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.667"),
        validators=[
            MinValueValidator(Decimal("0.01")),
            MaxValueValidator(Decimal("1")),
        ],
        help_text=_("Share of households that must take part (default two thirds)."),
    )
    majority_fraction = models.DecimalField(
        _("majority (share of those present)"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.5"),
        validators=[
            MinValueValidator(Decimal("0.01")),
            MaxValueValidator(Decimal("1")),
        ],
        help_text=_("A motion passes with MORE than this share of those present."),
    )
    petition_threshold_fraction = models.DecimalField(
        _("petition threshold"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.1"),
        validators=[
            MinValueValidator(Decimal("0.001")),
            MaxValueValidator(Decimal("1")),
        ],
        help_text=_(
            "Share of verified adult residents whose support turns a suggestion into a topic."
        ),
    )
    topic_decision_days = models.PositiveSmallIntegerField(
        _("days to accept or decline a topic"), default=15
    )
    meeting_notice_days = models.PositiveSmallIntegerField(
        _("meeting notice (days)"), default=3
    )
    assembly_notice_days = models.PositiveSmallIntegerField(
        _("villagers' assembly notice (days)"), default=10
    )
    followup_due_days = models.PositiveSmallIntegerField(
        _("follow-up due (days)"), default=30
    )
    # Affairs disclosure
    objection_answer_days = models.PositiveSmallIntegerField(
        _("days to answer an objection"), default=10
    )
    major_matter_disclosure_days = models.PositiveSmallIntegerField(
        _("days to disclose a major matter"), default=5
    )
    frequent_transactions = models.BooleanField(
        _("frequent financial transactions"),
        default=False,
        help_text=_("Finance items are then disclosed monthly instead of quarterly."),
    )
    # Charters
    charter_filing_days = models.PositiveSmallIntegerField(
        _("days to file an adopted charter"), default=10
    )
    # Volunteering
    shift_cancellation_cutoff_hours = models.PositiveSmallIntegerField(
        _("shift cancellation cut-off (hours)"), default=24
    )
    time_bank_enabled = models.BooleanField(_("time bank enabled"), default=False)

    class Meta:
        verbose_name = _("community settings")
        verbose_name_plural = _("community settings")

    def __str__(self) -> str:
        return str(_("Settings of %(community)s") % {"community": self.community})


class Grid(models.Model):
    """A 网格: the smallest management unit inside a community."""

    community = models.ForeignKey(
        Community,
        on_delete=models.CASCADE,
        related_name="grids",
        verbose_name=_("community"),
    )
    name = models.CharField(_("name"), max_length=60)

    class Meta:
        verbose_name = _("grid")
        verbose_name_plural = _("grids")
        ordering = ["community", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "name"], name="communities_grid_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.community} · {self.name}"


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

    def __str__(self) -> str:
        return f"{self.user} @ {self.community} ({self.get_status_display()})"


class Role(models.TextChoices):
    """Roles granted explicitly. Resident and household representative come from Membership."""

    COMMITTEE = "committee", _("committee member")
    SUPERVISION = "supervision", _("supervision committee member")
    COORDINATOR = "coordinator", _("volunteer coordinator")
    CHARITY_MANAGER = "charity_manager", _("charity manager")
    STREET_OFFICER = "street_officer", _("street / town officer")
    DISTRICT_OFFICER = "district_officer", _("district officer")
    PLATFORM_ADMIN = "platform_admin", _("platform admin")


COMMUNITY_ROLES = {
    Role.COMMITTEE,
    Role.SUPERVISION,
    Role.COORDINATOR,
    Role.CHARITY_MANAGER,
}
REGION_ROLES = {Role.STREET_OFFICER, Role.DISTRICT_OFFICER}
# Holding any of these requires TOTP two-factor authentication before the rights apply.
MFA_REQUIRED_ROLES = {
    Role.COMMITTEE,
    Role.SUPERVISION,
    Role.STREET_OFFICER,
    Role.DISTRICT_OFFICER,
    Role.PLATFORM_ADMIN,
}


class RoleGrantQuerySet(models.QuerySet):
    def active(self, on: datetime.date | None = None) -> RoleGrantQuerySet:
        """Grants in force on a day: started, not ended, not revoked."""
        on = on or timezone.localdate()
        return self.filter(
            Q(starts_on__lte=on),
            Q(ends_on__isnull=True) | Q(ends_on__gte=on),
            revoked_at__isnull=True,
        )


class RoleGrant(models.Model):
    """A role given to a person for a community (or a street/district for officers).

    Created and revoked only through `communities.services`, which audits both.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="role_grants",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    community = models.ForeignKey(
        Community,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_grants",
        verbose_name=_("community"),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_grants",
        verbose_name=_("street or district"),
    )
    starts_on = models.DateField(_("starts on"), default=timezone.localdate)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )

    objects = RoleGrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")
        ordering = ["-granted_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        role__in=[
                            "committee",
                            "supervision",
                            "coordinator",
                            "charity_manager",
                        ],
                        community__isnull=False,
                        region__isnull=True,
                    )
                    | Q(
                        role__in=["street_officer", "district_officer"],
                        community__isnull=True,
                        region__isnull=False,
                    )
                    | Q(
                        role="platform_admin",
                        community__isnull=True,
                        region__isnull=True,
                    )
                ),
                name="communities_rolegrant_scope_matches_role",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="communities_rolegrant_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        scope = self.community or self.region or _("platform")
        return f"{self.user} · {self.get_role_display()} · {scope}"

    def clean(self) -> None:
        if self.role in COMMUNITY_ROLES and not self.community_id:
            raise ValidationError(
                {"community": _("This role is granted for a community.")}
            )
        if self.role in REGION_ROLES and not self.region_id:
            raise ValidationError(
                {"region": _("This role is granted for a street or district.")}
            )
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": _("The end date must not be before the start.")}
            )


# Wagtail page types live in their own module; re-exported so Django finds them.
from communities.pages import CommunityHomePage, PortalHomePage  # noqa: E402

__all__ = [
    "COMMUNITY_ROLES",
    "MFA_REQUIRED_ROLES",
    "REGION_ROLES",
    "Community",
    "CommunityHomePage",
    "CommunitySettings",
    "Grid",
    "Household",
    "Membership",
    "PortalHomePage",
    "Region",
    "Role",
    "RoleGrant",
]
