"""公示: the public notice of a case, holding ONLY the whitelisted fields (masked
name of the household head, community, household size, type, amount, period and
the complaint hotline), and the objections filed privately during it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.crypto import EncryptedTextField
from assistance.cases.models import Case, Kind
from communities.models import Community

# The only fields of a notice a public page may show (tests scan for the rest).
PUBLIC_FIELDS = (
    "masked_name",
    "community",
    "household_size",
    "kind",
    "amount",
    "period",
    "hotline",
    "starts_on",
    "ends_on",
)


class PublicityQuerySet(models.QuerySet):
    def showing(self, on=None) -> PublicityQuerySet:
        """Notices up on a day: started, not ended, not withdrawn."""
        on = on or timezone.localdate()
        return self.filter(
            starts_on__lte=on, ends_on__gte=on, withdrawn_at__isnull=True
        )


class Publicity(models.Model):
    case = models.ForeignKey(
        Case,
        on_delete=models.CASCADE,
        related_name="publicities",
        verbose_name=_("case"),
    )
    community = models.ForeignKey(
        Community,
        on_delete=models.CASCADE,
        related_name="assistance_publicities",
        verbose_name=_("community"),
    )
    masked_name = models.CharField(_("household head"), max_length=30)
    household_size = models.PositiveSmallIntegerField(_("household size"))
    kind = models.CharField(_("assistance type"), max_length=12, choices=Kind.choices)
    amount = models.DecimalField(_("amount (yuan)"), max_digits=10, decimal_places=2)
    period = models.CharField(_("period"), max_length=60)
    hotline = models.CharField(_("complaint hotline"), max_length=40)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    # Set when an objection stops the clock (re-investigation and a new 公示).
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    objects = PublicityQuerySet.as_manager()

    class Meta:
        verbose_name = _("public notice (公示)")
        verbose_name_plural = _("public notices (公示)")
        ordering = ["-starts_on", "pk"]
        indexes = [models.Index(fields=["community", "ends_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="assistance_publicity_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.masked_name} · {self.get_kind_display()}"


class PublicityObjection(models.Model):
    """An objection during 公示: private; only officers see who filed it."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("being looked into")
        UPHELD = "upheld", _("re-investigated")
        DISMISSED = "dismissed", _("no change")

    publicity = models.ForeignKey(
        Publicity,
        on_delete=models.CASCADE,
        related_name="objections",
        verbose_name=_("public notice"),
    )
    objector = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("objector"),
    )
    objector_name = EncryptedTextField(_("your name"), blank=True)
    objector_phone = EncryptedTextField(_("your phone"), blank=True)
    text = EncryptedTextField(_("objection"))
    filed_at = models.DateTimeField(_("filed at"), default=timezone.now)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("objection to a public notice")
        verbose_name_plural = _("objections to public notices")
        ordering = ["-filed_at"]

    def __str__(self) -> str:
        return f"{self.publicity} · {self.filed_at:%Y-%m-%d}"
