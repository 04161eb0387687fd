import pytest

from tests.volunteers.factories import VolunteerProfileFactory, years_ago
from volunteers.profiles import crypto


def test_an_id_number_is_shown_masked_with_four_characters_at_each_end():
    assert crypto.mask("110101199001011234") == "1101**********1234"


def test_an_id_number_is_stored_encrypted_and_reads_back():
    token = crypto.encrypt("110101199001011234")
    assert "110101199001011234" not in token
    assert crypto.decrypt(token) == "110101199001011234"


def test_a_tampered_token_reads_as_no_id_number():
    token = crypto.encrypt("110101199001011234")
    assert crypto.decrypt(token[:-4] + "AAAA") == ""


@pytest.mark.django_db
def test_an_adult_profile_is_active():
    assert VolunteerProfileFactory(date_of_birth=years_ago(18)).is_active


@pytest.mark.django_db
def test_a_minor_profile_is_inactive_until_guardian_consent_is_recorded():
    assert not VolunteerProfileFactory(date_of_birth=years_ago(17, days=-1)).is_active
    assert VolunteerProfileFactory(minor_with_consent=True).is_active


@pytest.mark.django_db
def test_a_profile_under_fourteen_is_never_active_even_with_consent():
    profile = VolunteerProfileFactory(
        minor_with_consent=True, date_of_birth=years_ago(13)
    )
    assert not profile.is_active
