"""The administrative tree: district > street/town > community (社区) / village (村)
> grid. Policy numbers a community may change live in `CommunitySettings`, never
in settings.py."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
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
