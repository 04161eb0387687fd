"""Teams, activities, their shifts, sign-ups (with the waitlist) and attendance."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.models import Community
from volunteers.profiles.models import MINIMUM_AGE, Skill


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
    home_visits = models.BooleanField(
        _("volunteers visit households (探访)"),
        default=False,
        help_text=_(
            "Volunteers on its shifts may report a household that may need help."
        ),
    )
    paired_region = models.CharField(
        _("paired-assistance region"),
        max_length=200,
        blank=True,
        db_index=True,
        help_text=_(
            "For paired assistance: the paired region's full name as on its page "
            "(e.g. 甘肃省武山县), if any."
        ),
    )
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
