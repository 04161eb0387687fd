"""Paired regions (东西部协作、对口支援): a district's partner region in another
province, the pairing agreement and plan, the paired communities and villages
(结对帮扶) and the liaison officers (联系员) of both sides.

The receiving side's villages are not platform communities, so a pair names
them as text. A liaison is not a communities `RoleGrant`: the grant is scoped to
one paired region, which no `RoleGrant` scope can express (docs/architecture.md,
"pairing").
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.models import Community, Region


class PairedRegion(models.Model):
    """The receiving region a district supports. `name` (e.g. 甘肃省武山县) is the
    tag charity projects and volunteer activities store in their `paired_region`."""

    district = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="paired_regions",
        limit_choices_to={"kind": Region.Kind.DISTRICT},
        verbose_name=_("supporting district"),
    )
    name = models.CharField(
        _("full name"),
        max_length=200,
        unique=True,
        help_text=_(
            "Province and county, e.g. 甘肃省武山县. Charity projects and volunteer "
            "activities name the paired region with exactly this text."
        ),
    )
    province = models.CharField(_("province"), max_length=60)
    slug = models.SlugField(
        _("slug"),
        max_length=60,
        unique=True,
        help_text=_("Used in the web address: /pairing/<slug>/."),
    )
    agreement = models.TextField(_("pairing agreement"), blank=True)
    agreement_document = models.FileField(
        _("agreement document"), upload_to="pairing/agreements/%Y/", blank=True
    )
    plan = models.TextField(_("the district's plan"), blank=True)
    plan_starts_on = models.DateField(_("plan starts on"), null=True, blank=True)
    plan_ends_on = models.DateField(_("plan ends on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("paired region")
        verbose_name_plural = _("paired regions")
        constraints = [
            models.CheckConstraint(
                condition=Q(plan_ends_on__isnull=True)
                | Q(plan_starts_on__isnull=True)
                | Q(plan_ends_on__gte=models.F("plan_starts_on")),
                name="pairing_region_plan_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.name


class PairedCommunity(models.Model):
    """One of the district's communities paired with a village or community of the
    receiving side (结对帮扶)."""

    paired_region = models.ForeignKey(
        PairedRegion,
        on_delete=models.CASCADE,
        related_name="pairs",
        verbose_name=_("paired region"),
    )
    community = models.ForeignKey(
        Community,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("our community"),
    )
    partner_name = models.CharField(_("paired village or community"), max_length=120)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["community__name", "partner_name"]
        verbose_name = _("paired community")
        verbose_name_plural = _("paired communities")
        constraints = [
            models.UniqueConstraint(
                fields=["paired_region", "community", "partner_name"],
                name="pairing_one_pair_per_partner",
            )
        ]

    def __str__(self) -> str:
        return f"{self.community} ↔ {self.partner_name}"


class LiaisonQuerySet(models.QuerySet):
    def active(self, on: datetime.date | None = None) -> LiaisonQuerySet:
        day = on or timezone.localdate()
        return self.filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=day),
            starts_on__lte=day,
            revoked_at__isnull=True,
        )


class Liaison(models.Model):
    """A liaison officer (联系员) of one side of one paired region: a grant row,
    in force from `starts_on` until `ends_on` or its revocation."""

    class Side(models.TextChoices):
        HOME = "home", _("supporting side (our district)")
        RECEIVING = "receiving", _("receiving side")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="liaison_posts",
        verbose_name=_("person"),
    )
    paired_region = models.ForeignKey(
        PairedRegion,
        on_delete=models.CASCADE,
        related_name="liaisons",
        verbose_name=_("paired region"),
    )
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    name = models.CharField(_("name"), max_length=60)
    title = models.CharField(_("title"), max_length=100)
    starts_on = models.DateField(_("starts on"), default=timezone.localdate)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("appointed by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = LiaisonQuerySet.as_manager()

    class Meta:
        ordering = ["side", "name", "pk"]
        verbose_name = _("liaison officer")
        verbose_name_plural = _("liaison officers")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="pairing_liaison_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.paired_region})"
