"""Service records (immutable once confirmed; corrections are new versions),
certificates of confirmed hours and the time bank."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.models import Community
from volunteers.shifts.models import SignUp, Team


class ImmutableRecordError(Exception):
    """A confirmed service record was about to change."""


class ServiceRecordQuerySet(models.QuerySet):
    def confirmed(self) -> ServiceRecordQuerySet:
        return self.filter(status=ServiceRecord.Status.CONFIRMED)

    def current(self) -> ServiceRecordQuerySet:
        """Confirmed records no later version replaces: the ones totals count."""
        return self.confirmed().filter(superseded_by__isnull=True)

    def update(self, **kwargs: object) -> int:
        if self.filter(status=ServiceRecord.Status.CONFIRMED).exists():
            raise ImmutableRecordError("Confirmed service records cannot be changed.")
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        if self.filter(status=ServiceRecord.Status.CONFIRMED).exists():
            raise ImmutableRecordError("Confirmed service records cannot be deleted.")
        return super().delete()


class ServiceRecord(models.Model):
    """Hours one person served on one shift, as a version.

    Check-out makes version 1 (pending); the coordinator may adjust its hours with
    a reason, then confirms it. A confirmed record never changes again (save, update
    and delete refuse): a correction is a new, confirmed version pointing at the
    one it supersedes, with a reason. Totals count only current versions.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")

    signup = models.ForeignKey(
        SignUp,
        on_delete=models.PROTECT,
        related_name="service_records",
        verbose_name=_("sign-up"),
    )
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="service_records",
        verbose_name=_("volunteer"),
    )
    community = models.ForeignKey(
        Community,
        on_delete=models.PROTECT,
        related_name="service_records",
        verbose_name=_("community"),
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="service_records",
        verbose_name=_("team that kept the record"),
    )
    served_on = models.DateField(_("served on"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("supersedes"),
    )
    started_at = models.DateTimeField(_("service started"))
    ended_at = models.DateTimeField(_("service ended"))
    measured_hours = models.DecimalField(
        _("measured hours"), max_digits=5, decimal_places=2
    )
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=2)
    reason = models.TextField(_("reason for the adjustment or correction"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    objects = ServiceRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-served_on", "-pk"]
        verbose_name = _("service record")
        verbose_name_plural = _("service records")
        constraints = [
            models.UniqueConstraint(
                fields=["signup", "version"], name="volunteers_record_one_per_version"
            ),
            models.CheckConstraint(
                condition=Q(hours__gte=0) & Q(hours__lte=24),
                name="volunteers_record_hours_in_range",
            ),
            models.CheckConstraint(
                condition=(Q(version=1) & Q(supersedes__isnull=True))
                | (Q(version__gt=1) & Q(supersedes__isnull=False) & ~Q(reason="")),
                name="volunteers_record_correction_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(status="pending")
                | (Q(confirmed_at__isnull=False) & Q(confirmed_by__isnull=False)),
                name="volunteers_record_confirmed_has_confirmer",
            ),
        ]
        indexes = [models.Index(fields=["community", "status", "served_on"])]

    def __str__(self) -> str:
        return f"{self.volunteer} · {self.served_on} · {self.hours} h (v{self.version})"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None and not self._state.adding:
            stored = (
                type(self)
                .objects.filter(pk=self.pk)
                .values_list("status", flat=True)
                .first()
            )
            if stored == self.Status.CONFIRMED:
                raise ImmutableRecordError(
                    "A confirmed service record is immutable; add a correction."
                )
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object):
        if self.is_confirmed:
            raise ImmutableRecordError("A confirmed service record cannot be deleted.")
        return super().delete(*args, **kwargs)

    @property
    def is_confirmed(self) -> bool:
        return self.status == self.Status.CONFIRMED


class Certificate(models.Model):
    """A certificate of confirmed hours, issued by the team that kept the records.

    Everything shown is frozen at issue: the masked identity, the hours and the
    summary. The serial is random (unguessable); the public verification page
    finds a certificate only by its exact serial.
    """

    serial = models.CharField(_("serial number"), max_length=32, unique=True)
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="volunteer_certificates",
        verbose_name=_("volunteer"),
    )
    community = models.ForeignKey(
        Community,
        on_delete=models.PROTECT,
        related_name="volunteer_certificates",
        verbose_name=_("community"),
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificates",
        verbose_name=_("issuing team"),
    )
    issuer_name = models.CharField(_("issuer"), max_length=250)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    hours = models.DecimalField(_("hours"), max_digits=8, decimal_places=2)
    masked_name = models.CharField(_("name (masked)"), max_length=100)
    masked_id_number = models.CharField(
        _("ID number (masked)"), max_length=40, blank=True
    )
    summary = models.TextField(_("content of the service"))
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="volunteers_certificate_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.serial


class TimeBankAccount(models.Model):
    """A person's time-bank credits in one community; never below zero."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="time_bank_accounts",
        verbose_name=_("person"),
    )
    community = models.ForeignKey(
        Community,
        on_delete=models.PROTECT,
        related_name="time_bank_accounts",
        verbose_name=_("community"),
    )
    balance = models.DecimalField(
        _("balance (credits)"), max_digits=8, decimal_places=2, default=0
    )

    class Meta:
        verbose_name = _("time-bank account")
        verbose_name_plural = _("time-bank accounts")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "community"], name="volunteers_timebank_one_account"
            ),
            models.CheckConstraint(
                condition=Q(balance__gte=0),
                name="volunteers_timebank_balance_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.balance}"


class TimeBankTransaction(models.Model):
    """One movement of credits, always tied to the service record they came from."""

    class Kind(models.TextChoices):
        EARNED = "earned", _("Earned by confirmed service")
        CORRECTION = "correction", _("Correction of a service record")
        TRANSFER_OUT = "transfer_out", _("Given to a family member")
        TRANSFER_IN = "transfer_in", _("Received from a family member")

    account = models.ForeignKey(
        TimeBankAccount,
        on_delete=models.PROTECT,
        related_name="transactions",
        verbose_name=_("account"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    amount = models.DecimalField(_("credits"), max_digits=8, decimal_places=2)
    service_record = models.ForeignKey(
        ServiceRecord,
        on_delete=models.PROTECT,
        related_name="time_bank_transactions",
        verbose_name=_("service record"),
    )
    counterparty = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("other person"),
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("time-bank transaction")
        verbose_name_plural = _("time-bank transactions")
        constraints = [
            models.CheckConstraint(
                condition=~Q(amount=0), name="volunteers_timebank_amount_not_zero"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account} {self.amount:+}"
