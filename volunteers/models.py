"""Volunteer profiles, teams, activities, shifts and sign-ups (issue 5, §1-§3)."""

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


# Invitations and calendar feeds live in their own module (see its docstring).
from volunteers.matching_models import CalendarFeed, Invitation  # noqa: E402, F401
