"""Writes of volunteer profiles: the age rule (14 and over; 14-17 with a guardian's
consent) and the encrypted ID number."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from volunteers.profiles import crypto
from volunteers.profiles.models import (
    AVAILABILITY_SLOTS,
    MINIMUM_AGE,
    Skill,
    VolunteerProfile,
    age_on,
)


@transaction.atomic
def save_profile(
    *,
    user: Any,
    date_of_birth: datetime.date,
    emergency_contact_name: str,
    emergency_contact_phone: str,
    skills: list[Skill] | None = None,
    other_skills: str = "",
    service_areas: str = "",
    availability: list[str] | None = None,
    id_number: str | None = None,
    guardian_name: str = "",
    guardian_phone: str = "",
    guardian_consent_date: datetime.date | None = None,
    guardian_consent_form: UploadedFile | None = None,
) -> VolunteerProfile:
    """Create or update a person's volunteer profile.

    Under 14 is refused (only through a guardian's account). Ages 14-17 are saved
    but stay inactive until a complete guardian consent is recorded. `id_number`
    None keeps the stored one; "" removes it.
    """
    if age_on(date_of_birth, timezone.localdate()) < MINIMUM_AGE:
        raise ValidationError(
            {
                "date_of_birth": _(
                    "Volunteers must be at least 14 years old. Younger children can "
                    "only take part through a guardian's account."
                )
            }
        )
    availability = [slot for slot in availability or [] if slot in AVAILABILITY_SLOTS]
    profile = VolunteerProfile.objects.filter(user=user).first()
    creating = profile is None
    if creating:
        profile = VolunteerProfile(user=user)
    profile.date_of_birth = date_of_birth
    profile.emergency_contact_name = emergency_contact_name
    profile.emergency_contact_phone = emergency_contact_phone
    profile.other_skills = other_skills
    profile.service_areas = service_areas
    profile.availability = availability
    fields = [
        "date_of_birth",
        "emergency_contact_name",
        "emergency_contact_phone",
        "other_skills",
        "service_areas",
        "availability",
    ]
    if id_number is not None:
        profile.id_number_encrypted = crypto.encrypt(id_number.strip().upper())
        fields.append("id_number_encrypted")
    if guardian_consent_form is not None:
        profile.guardian_name = guardian_name
        profile.guardian_phone = guardian_phone
        profile.guardian_consent_date = guardian_consent_date
        profile.guardian_consent_form = guardian_consent_form
        fields += [
            "guardian_name",
            "guardian_phone",
            "guardian_consent_date",
            "guardian_consent_form",
        ]
    if creating:
        profile.save()
    else:
        profile.save(update_fields=[*fields, "updated_at"])
    profile.skills.set(skills or [])
    if guardian_consent_form is not None:
        record(
            actor=user,
            action="volunteers.guardian_consent_recorded",
            target=profile,
            data={"guardian_name": guardian_name},
        )
    if hasattr(user, "_gz_volunteer_profile"):
        del user._gz_volunteer_profile
    return profile
