"""Volunteer profiles: skills, weekly availability, the ID number (encrypted) and,
for volunteers aged 14-17, the guardian's consent."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.crypto import TokenTextField
from volunteers.profiles import crypto

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
    id_number_encrypted = TokenTextField(_("ID number (encrypted)"), blank=True)
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
