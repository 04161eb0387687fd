"""Emergency aid (急难型临时救助): 先行救助 given at once by a coordinator or a
street officer (`AdvanceAid`), with the formal 临时救助 case opened for it in the
same transaction, and the district's declared emergency periods
(`EmergencyPeriod`) during which the limits and paperwork deadline switch to
the district's emergency settings.

The paperwork is the case's application: completed when the case is submitted
(`Case.submitted_at`), overdue when it is not submitted by `paperwork_due`.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.crypto import EncryptedDecimalField, EncryptedTextField
from assistance.cases.models import Case
from communities.models import Community, Household, Region


class EmergencyPeriod(models.Model):
    """A declared emergency (突发公共事件、自然灾害…) of a district, for the whole
    district or some of its streets, from one day to another (ended early when
    `ended_at` is set)."""

    district = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        related_name="emergency_periods",
        verbose_name=_("district"),
    )
    name = models.CharField(_("name"), max_length=100)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    streets = models.ManyToManyField(
        Region,
        blank=True,
        related_name="+",
        verbose_name=_("streets and towns (none: the whole district)"),
    )
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("declared by"),
    )
    declared_at = models.DateTimeField(_("declared at"), default=timezone.now)
    ended_at = models.DateTimeField(_("ended early at"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ended by"),
    )
    end_note = models.CharField(_("why it ended early"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("declared emergency period")
        verbose_name_plural = _("declared emergency periods")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="assistance_emergency_period_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def in_force_at(self, moment: datetime.datetime) -> bool:
        day = timezone.localdate(moment)
        if self.ended_at is not None and moment >= self.ended_at:
            return False
        return self.starts_on <= day <= self.ends_on


class Cause(models.TextChoices):
    FIRE = "fire", _("fire")
    ILLNESS = "illness", _("sudden serious illness")
    ACCIDENT = "accident", _("accident")
    DISASTER = "disaster", _("natural disaster")
    PUBLIC_HEALTH = "public_health", _("public-health emergency")
    OTHER = "other", _("other emergency")


class Capacity(models.TextChoices):
    COORDINATOR = "coordinator", _("assistance coordinator")
    OFFICER = "officer", _("street assistance officer")


class AdvanceAid(models.Model):
    """先行救助: help given first, with the formal case opened for its paperwork."""

    community = models.ForeignKey(
        Community,
        on_delete=models.PROTECT,
        related_name="advance_aid",
        verbose_name=_("community"),
    )
    household = models.ForeignKey(
        Household,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="advance_aid",
        verbose_name=_("household"),
    )
    beneficiary_name = models.CharField(_("who was helped"), max_length=60)
    household_size = models.PositiveSmallIntegerField(_("household size"), default=1)
    cause = models.CharField(_("cause"), max_length=14, choices=Cause.choices)
    amount = EncryptedDecimalField(_("amount (yuan)"))
    limit = models.DecimalField(
        _("limit that applied (yuan)"), max_digits=10, decimal_places=2
    )
    note = EncryptedTextField(_("what happened"), blank=True)
    reported_at = models.DateTimeField(_("first reported at"), default=timezone.now)
    granted_at = models.DateTimeField(_("first help given at"), default=timezone.now)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("granted by"),
    )
    capacity = models.CharField(
        _("granted as"), max_length=12, choices=Capacity.choices
    )
    case = models.OneToOneField(
        Case,
        on_delete=models.PROTECT,
        related_name="advance_aid",
        verbose_name=_("case"),
    )
    paperwork_due = models.DateField(_("paperwork due"))
    emergency_period = models.ForeignKey(
        EmergencyPeriod,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="advance_aid",
        verbose_name=_("declared emergency period"),
    )
    under_emergency_rules = models.BooleanField(
        _("under a declared emergency's rules"), default=False
    )
    # The pk of the discovery report it answered (assistance.discovery); no
    # foreign key, so the two concerns stay apart.
    source_report = models.PositiveBigIntegerField(
        _("report"), null=True, blank=True, db_index=True
    )

    class Meta:
        verbose_name = _("advance emergency aid (先行救助)")
        verbose_name_plural = _("advance emergency aid (先行救助)")
        ordering = ["-granted_at", "-pk"]
        indexes = [
            models.Index(fields=["community", "granted_at"]),
            models.Index(fields=["paperwork_due"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(granted_at__gte=models.F("reported_at")),
                name="assistance_advance_aid_granted_after_report",
            ),
        ]

    def __str__(self) -> str:
        return f"先行救助 {self.pk}"

    @property
    def response_hours(self) -> float:
        return (self.granted_at - self.reported_at).total_seconds() / 3600

    @property
    def paperwork_done_on(self) -> datetime.date | None:
        submitted = self.case.submitted_at
        return timezone.localdate(submitted) if submitted else None

    @property
    def paperwork_status(self) -> str:
        """ "on_time", "late" (completed after the due day), "overdue" (not yet,
        past the due day) or "due" (not yet, still in time)."""
        done = self.paperwork_done_on
        if done is not None:
            return "on_time" if done <= self.paperwork_due else "late"
        return "overdue" if timezone.localdate() > self.paperwork_due else "due"

    @property
    def paperwork_overdue(self) -> bool:
        return self.paperwork_status in ("overdue", "late")
