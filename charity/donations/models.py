"""Donations of money and goods: online pledges waiting for the money, and
donations confirmed with a receipt number. Donors choose whether their name is shown.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from charity.projects.models import ZERO, Project


def public_name(donor_name: str, show_name: bool) -> str:
    """The chosen name only if the donor opted in; otherwise 爱心人士."""
    if show_name and donor_name.strip():
        return donor_name.strip()
    return gettext("anonymous donor")


def shown(donor_name: str, show_name: bool) -> tuple[str, bool]:
    """The name and opt-in to store: showing a name needs a name."""
    name = donor_name.strip()
    return name, show_name and bool(name)


class DonationQuerySet(models.QuerySet):
    def confirmed(self) -> DonationQuerySet:
        return self.filter(status=Donation.Status.CONFIRMED)

    def money(self) -> DonationQuerySet:
        return self.filter(kind=Donation.Kind.MONEY)


class Donation(models.Model):
    class Kind(models.TextChoices):
        MONEY = "money", _("money")
        GOODS = "goods", _("goods")

    class Channel(models.TextChoices):
        ONLINE = "online", _("online pledge")
        OFFLINE = "offline", _("recorded offline")

    class Status(models.TextChoices):
        PLEDGED = "pledged", _("pledged")
        CONFIRMED = "confirmed", _("confirmed")
        LAPSED = "lapsed", _("lapsed")
        CANCELLED = "cancelled", _("cancelled by the donor")

    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="donations"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLEDGED
    )
    donor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="charity_donations",
    )
    donor_name = models.CharField(_("name to show"), max_length=100, blank=True)
    show_name = models.BooleanField(_("show my name publicly"), default=False)
    amount = models.DecimalField(
        _("amount (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    item = models.CharField(_("item"), max_length=200, blank=True)
    quantity = models.PositiveIntegerField(_("quantity"), null=True, blank=True)
    estimated_value = models.DecimalField(
        _("estimated value (yuan)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
    )
    receipt_number = models.CharField(
        _("receipt number"), max_length=40, unique=True, null=True, blank=True
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    lapses_at = models.DateTimeField(_("lapses at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = DonationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("donation")
        verbose_name_plural = _("donations")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="money", amount__gt=0)
                    | models.Q(kind="goods", quantity__gt=0, estimated_value__gte=0)
                ),
                name="charity_donation_kind_fields",
            )
        ]
        indexes = [models.Index(fields=["project", "status", "kind"])]

    def __str__(self) -> str:
        return self.receipt_number or f"#{self.pk}"

    @property
    def public_name(self) -> str:
        return public_name(self.donor_name, self.show_name)

    @property
    def value(self) -> Decimal:
        if self.kind == self.Kind.MONEY:
            return self.amount or ZERO
        return self.estimated_value or ZERO
