"""Needs: goods a community asks for, and pledges of goods against them."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from charity.donations.models import public_name


class Need(models.Model):
    """Goods a community needs (item, quantity, unit, by when).

    `volunteer_activity` optionally names the volunteers activity calling for
    helpers, by its page address (`/<slug>/volunteering/activities/<id>/`) or a
    full web address: charity never reads the volunteers app's tables.
    """

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("goods need", "open")
        CLOSED = "closed", _("closed")

    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.PROTECT,
        related_name="charity_needs",
        verbose_name=_("community"),
    )
    item = models.CharField(_("item"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    quantity = models.PositiveIntegerField(
        _("quantity"), validators=[MinValueValidator(1)]
    )
    unit = models.CharField(
        _("unit"), max_length=20, help_text=_("For example 箱, 件.")
    )
    needed_by = models.DateField(_("needed by"))
    volunteer_activity = models.CharField(
        _("volunteer activity"),
        max_length=300,
        blank=True,
        help_text=_(
            "Optional: the address of a volunteering activity calling for helpers, "
            "such as /heping/volunteering/activities/12/."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["needed_by", "pk"]
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gt=0), name="charity_need_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.item} × {self.quantity}{self.unit}"

    def clean(self) -> None:
        super().clean()
        link = self.volunteer_activity.strip()
        # A path on this site (not "//host", which leaves it) or a web address.
        local = link.startswith("/") and not link.startswith("//")
        if link and not (local or link.startswith(("https://", "http://"))):
            raise ValidationError(
                {
                    "volunteer_activity": _(
                        "Enter the activity page's address, starting with / or "
                        "https://."
                    )
                }
            )


class NeedPledge(models.Model):
    class Status(models.TextChoices):
        PLEDGED = "pledged", _("pledged")
        DELIVERED = "delivered", _("delivered")
        CANCELLED = "cancelled", _("cancelled by the donor")

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="pledges")
    donor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="charity_need_pledges",
    )
    donor_name = models.CharField(_("name to show"), max_length=100, blank=True)
    show_name = models.BooleanField(_("show my name publicly"), default=False)
    quantity = models.PositiveIntegerField(
        _("quantity"), validators=[MinValueValidator(1)]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLEDGED
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("pledge of goods")
        verbose_name_plural = _("pledges of goods")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gt=0), name="charity_needpledge_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.need_id}: {self.quantity}"

    @property
    def public_name(self) -> str:
        return public_name(self.donor_name, self.show_name)
