import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from audit.models import AuditEvent
from tests.factories import UserFactory
from tests.volunteers.factories import PDF_BYTES, SkillFactory, years_ago
from volunteers.models import VolunteerProfile
from volunteers.profiles import services

pytestmark = pytest.mark.django_db


def _save(user, **kwargs):
    defaults = {
        "user": user,
        "date_of_birth": years_ago(30),
        "emergency_contact_name": "李四",
        "emergency_contact_phone": "13800000000",
    }
    return services.save_profile(**{**defaults, **kwargs})


def test_an_adult_saves_an_active_profile_with_skills_and_availability():
    skill = SkillFactory(name="First aid")
    profile = _save(
        UserFactory(),
        skills=[skill],
        availability=["mon-morning", "sun-evening", "bogus"],
        other_skills="Sign language",
    )
    assert profile.is_active
    assert list(profile.skills.all()) == [skill]
    assert profile.availability == ["mon-morning", "sun-evening"]


def test_a_person_under_fourteen_is_refused_and_nothing_is_saved():
    with pytest.raises(ValidationError, match="at least 14 years old"):
        _save(UserFactory(), date_of_birth=years_ago(13, days=-3))
    assert not VolunteerProfile.objects.exists()


def test_a_person_turning_fourteen_today_may_register():
    assert _save(UserFactory(), date_of_birth=years_ago(14)).pk


def test_a_minor_is_saved_inactive_and_becomes_active_with_a_recorded_consent():
    user = UserFactory()
    profile = _save(user, date_of_birth=years_ago(16))
    assert not profile.is_active
    profile = _save(
        user,
        date_of_birth=years_ago(16),
        guardian_name="王五",
        guardian_phone="13900000000",
        guardian_consent_date=timezone.localdate() - datetime.timedelta(days=1),
        guardian_consent_form=SimpleUploadedFile("consent.pdf", PDF_BYTES),
    )
    assert profile.is_active
    assert AuditEvent.objects.filter(
        action="volunteers.guardian_consent_recorded"
    ).exists()


def test_the_id_number_is_stored_encrypted_and_kept_when_not_given_again():
    user = UserFactory()
    _save(user, id_number="110101199001011234")
    stored = VolunteerProfile.objects.get(user=user)
    assert "1101011990" not in stored.id_number_encrypted
    assert stored.masked_id_number == "1101**********1234"
    _save(user, id_number=None)
    assert VolunteerProfile.objects.get(user=user).id_number == "110101199001011234"
