"""Personal data of hours and certificates: in the export; masked further on deletion."""

import datetime

import pytest
from django.utils import timezone

from accounts.services import delete_account
from tests.volunteers.records.helpers import served, team_shift
from volunteers.models import Certificate, VolunteerProfile
from volunteers.profiles import crypto
from volunteers.records import services
from volunteers.records.privacy import collect

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate():
    shift = team_shift(starts_at=timezone.now() - datetime.timedelta(days=2))
    record = served(
        shift,
        hours="2.00",
        id_number_encrypted=crypto.encrypt("110101199001011234"),
        show_on_leaderboard=True,
    )
    today = timezone.localdate()
    return services.issue_certificates(
        volunteer=record.volunteer,
        period_start=today - datetime.timedelta(days=7),
        period_end=today,
    )[0]


def test_the_export_lists_records_and_certificates(certificate):
    data = collect(certificate.volunteer)
    assert data["service_records"][0]["hours"] == "2.00"
    assert data["certificates"][0]["serial"] == certificate.serial
    assert "110101199001011234" not in str(data)


def test_deletion_keeps_the_serial_verifiable_without_identity(certificate):
    delete_account(user=certificate.volunteer)
    kept = Certificate.objects.get(pk=certificate.pk)
    assert kept.hours == certificate.hours
    assert kept.masked_id_number == ""
    assert kept.masked_name == "—"
    assert not VolunteerProfile.objects.get(
        user=certificate.volunteer
    ).show_on_leaderboard
