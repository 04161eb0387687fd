"""Volunteer profiles, teams, activities, shifts and sign-ups (issue 5, §1-§3).

Attendance, service records, certificates and the time bank (§4, §6) are at the end."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.models import Community
from volunteers import crypto

MINIMUM_AGE = 14  # younger people only through a guardian's account
ADULT_AGE = 18

DAYS = (
    ("mon", _("Monday")),
    ("tue", _("Tuesday")),
    ("wed", _("Wednesday")),
    ("thu", _("Thursday")),
    ("fri", _("Friday")),
    ("sat", _("Saturday")),
    ("sun", _("Sunday")),
)
PARTS_OF_DAY = (
    ("morning", _("morning")),
    ("afternoon", _("afternoon")),
    ("evening", _("evening")),
)
AVAILABILITY_SLOTS = [f"{day}-{part}" for day, _d in DAYS for part, _p in PARTS_OF_DAY]


def age_on(born: datetime.date, day: datetime.date) -> int:
    """Whole years between a birth date and a day."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class Skill(models.Model):
    """A skill from the managed list (free-text skills live on the profile)."""

    name = models.CharField(_("name"), max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")

    def __str__(self) -> str:
        return self.name


class VolunteerProfile(models.Model):
    """A person's volunteer profile.

    Active when the person is 18 or older, or 14-17 with a recorded guardian
    consent. Under 14 is refused by the service.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="volunteer_profile",
        verbose_name=_("person"),
    )
    skills = models.ManyToManyField(
        Skill, blank=True, related_name="profiles", verbose_name=_("skills")
    )
    other_skills = models.CharField(_("other skills"), max_length=300, blank=True)
    service_areas = models.CharField(_("service areas"), max_length=300, blank=True)
    availability = models.JSONField(_("weekly availability"), default=list, blank=True)
    emergency_contact_name = models.CharField(
        _("emergency contact name"), max_length=100
    )
    emergency_contact_phone = models.CharField(
        _("emergency contact phone"), max_length=30
    )
    date_of_birth = models.DateField(_("date of birth"))
    id_number_encrypted = models.TextField(_("ID number (encrypted)"), blank=True)
    show_on_leaderboard = models.BooleanField(
        _("show me on the leaderboard"),
        default=False,
        help_text=_("Your display name (or masked name) and hours, on a public page."),
    )
    guardian_name = models.CharField(_("guardian name"), max_length=100, blank=True)
    guardian_phone = models.CharField(_("guardian phone"), max_length=30, blank=True)
    guardian_consent_date = models.DateField(
        _("guardian consent date"), null=True, blank=True
    )
    guardian_consent_form = models.FileField(
        _("signed consent form"), upload_to="volunteers/consent/", blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("volunteer profile")
        verbose_name_plural = _("volunteer profiles")

    def __str__(self) -> str:
        return str(self.user)

    def age(self, on: datetime.date | None = None) -> int:
        return age_on(self.date_of_birth, on or timezone.localdate())

    @property
    def needs_guardian_consent(self) -> bool:
        return self.age() < ADULT_AGE

    @property
    def has_guardian_consent(self) -> bool:
        return bool(
            self.guardian_name
            and self.guardian_phone
            and self.guardian_consent_date
            and self.guardian_consent_form
        )

    @property
    def is_active(self) -> bool:
        age = self.age()
        if age < MINIMUM_AGE:
            return False
        return age >= ADULT_AGE or self.has_guardian_consent

    @property
    def id_number(self) -> str:
        return crypto.decrypt(self.id_number_encrypted)

    @property
    def masked_id_number(self) -> str:
        return crypto.mask(self.id_number)


class Team(models.Model):
    """A volunteer team of one community, with its own coordinators."""

    community = models.ForeignKey(
        Community,
        on_delete=models.CASCADE,
        related_name="volunteer_teams",
        verbose_name=_("community"),
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="coordinated_teams",
        verbose_name=_("coordinators"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [
            models.UniqueConstraint(
                fields=["community", "name"], name="volunteers_team_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ActivityQuerySet(models.QuerySet):
    def published(self) -> ActivityQuerySet:
        return self.filter(status=Activity.Status.PUBLISHED)


class Activity(models.Model):
    """A volunteer activity of a community; shown to residents once published."""

    class Category(models.TextChoices):
        ELDERLY = "elderly", _("Elderly care")
        ENVIRONMENT = "environment", _("Environment")
        CULTURE = "culture", _("Culture and sports")
        EMERGENCY = "emergency", _("Emergency response")
        EDUCATION = "education", _("Education support")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    community = models.ForeignKey(
        Community,
        on_delete=models.CASCADE,
        related_name="volunteer_activities",
        verbose_name=_("community"),
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("team"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    place = models.CharField(_("place"), max_length=200)
    required_skills = models.ManyToManyField(
        Skill, blank=True, related_name="activities", verbose_name=_("required skills")
    )
    minimum_age = models.PositiveSmallIntegerField(
        _("minimum age"), default=MINIMUM_AGE
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum_age__gte=MINIMUM_AGE),
                name="volunteers_activity_minimum_age_at_least_14",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class ShiftQuerySet(models.QuerySet):
    def with_counts(self) -> ShiftQuerySet:
        """Annotate confirmed and waiting sign-ups (one query for any number)."""
        return self.annotate(
            confirmed_count=Count(
                "signups", filter=Q(signups__status=SignUp.Status.CONFIRMED)
            ),
            waiting_count=Count(
                "signups", filter=Q(signups__status=SignUp.Status.WAITING)
            ),
        )

    def upcoming(self) -> ShiftQuerySet:
        return self.filter(starts_at__gt=timezone.now())


class Shift(models.Model):
    """One shift of an activity: a time window with a number of places."""

    activity = models.ForeignKey(
        Activity,
        on_delete=models.CASCADE,
        related_name="shifts",
        verbose_name=_("activity"),
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveIntegerField(_("places"))

    objects = ShiftQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="volunteers_shift_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1), name="volunteers_shift_capacity_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def community(self) -> Community:
        return self.activity.community

    @property
    def places_left(self) -> int:
        """Needs `with_counts()`; never below zero."""
        return max(self.capacity - self.confirmed_count, 0)


class SignUp(models.Model):
    """A person's place on a shift, or their place in its waitlist.

    The waitlist order is (created_at, pk). At most one live (confirmed or
    waiting) sign-up per person and shift.
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waitlist")
        CANCELLED = "cancelled", _("Cancelled")

    shift = models.ForeignKey(
        Shift, on_delete=models.CASCADE, related_name="signups", verbose_name=_("shift")
    )
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="shift_signups",
        verbose_name=_("volunteer"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    created_at = models.DateTimeField(_("signed up at"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        constraints = [
            models.UniqueConstraint(
                fields=["shift", "volunteer"],
                condition=~Q(status="cancelled"),
                name="volunteers_signup_one_live_per_shift",
            )
        ]
        indexes = [models.Index(fields=["shift", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.volunteer} · {self.shift} · {self.status}"


# ---------------------------------------------------------------------------
# Check-in, service records, certificates, time bank (issue 5, §4 and §6)
# ---------------------------------------------------------------------------
class Attendance(models.Model):
    """When a person with a place on a shift arrived and left.

    Check-in happens on arrival at the place (from the coordinator's roster, or by
    the volunteer scanning the coordinator's QR code), so travel is never counted.
    """

    class Via(models.TextChoices):
        ROSTER = "roster", _("Coordinator's roster")
        QR = "qr", _("QR code")

    signup = models.OneToOneField(
        SignUp,
        on_delete=models.PROTECT,
        related_name="attendance",
        verbose_name=_("sign-up"),
    )
    checked_in_at = models.DateTimeField(_("checked in at"))
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("checked in by"),
    )
    checked_in_via = models.CharField(
        _("checked in via"), max_length=10, choices=Via.choices
    )
    checked_out_at = models.DateTimeField(_("checked out at"), null=True, blank=True)
    checked_out_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked out by"),
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.CheckConstraint(
                condition=Q(checked_out_at__isnull=True)
                | Q(checked_out_at__gte=models.F("checked_in_at")),
                name="volunteers_attendance_out_after_in",
            )
        ]

    def __str__(self) -> str:
        return f"{self.signup}"


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


# Invitations live in their own module (see its docstring).
from volunteers.matching_models import Invitation  # noqa: E402, F401
