import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import UserFactory
from tests.volunteers.factories import PDF_BYTES, SkillFactory, years_ago
from volunteers.models import VolunteerProfile

pytestmark = pytest.mark.django_db
URL = reverse("volunteers:profile")


def _data(**overrides):
    data = {
        "date_of_birth": years_ago(30).isoformat(),
        "emergency_contact_name": "李四",
        "emergency_contact_phone": "13800000000",
        "availability": ["mon-morning", "sat-afternoon"],
    }
    data.update(overrides)
    return data


@pytest.fixture
def person(client):
    user = UserFactory()
    client.force_login(user)
    return user


def test_the_profile_page_needs_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "login" in response.url


def test_the_profile_form_has_a_label_for_every_field(client, person):
    SkillFactory(name="First aid")
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    for label in (
        "Date of birth",
        "Emergency contact phone",
        "First aid",
        "Monday morning",
        "Signed consent form",
        "ID number",
    ):
        assert label in html


def test_a_valid_profile_is_saved_and_the_id_number_shown_masked(client, person):
    skill = SkillFactory(name="First aid")
    response = client.post(
        URL, _data(skills=[skill.pk], id_number="110101199001011234"), follow=True
    )
    assert "Your volunteer profile is saved." in response.content.decode()
    profile = VolunteerProfile.objects.get(user=person)
    assert profile.availability == ["mon-morning", "sat-afternoon"]
    assert "1101**********1234" in response.content.decode()
    assert "110101199001011234" not in response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"date_of_birth": ""}, "This field is required."),
        ({"emergency_contact_phone": "call me"}, "Enter a phone number"),
        ({"id_number": "12345"}, "Enter an 18-character resident ID number."),
        ({"date_of_birth": years_ago(12).isoformat()}, "at least 14 years old"),
        ({"guardian_name": "王五"}, "A guardian consent needs"),
        ({"skills": [str(2**63)]}, "is not a valid value."),
        ({"skills": ["abc"]}, "is not a valid value."),
        ({"date_of_birth": "0000-00-00"}, "Enter a valid date."),
    ],
)
def test_bad_input_shows_a_clear_error_and_saves_nothing(
    client, person, overrides, message
):
    response = client.post(URL, _data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not VolunteerProfile.objects.exists()


def test_a_consent_form_that_is_not_a_pdf_or_image_is_refused(client, person):
    response = client.post(
        URL,
        _data(
            date_of_birth=years_ago(15).isoformat(),
            guardian_name="王五",
            guardian_phone="13900000000",
            guardian_consent_date="2026-01-01",
            guardian_consent_form=SimpleUploadedFile(
                "consent.pdf", b"MZ\x90\x00 not a pdf"
            ),
        ),
    )
    assert response.status_code == 200
    assert not VolunteerProfile.objects.exists()


def test_a_minor_is_told_the_profile_waits_for_consent_then_it_is_active(
    client, person
):
    response = client.post(
        URL, _data(date_of_birth=years_ago(15).isoformat()), follow=True
    )
    assert "need a recorded guardian consent" in response.content.decode()
    assert not VolunteerProfile.objects.get(user=person).is_active
    client.post(
        URL,
        _data(
            date_of_birth=years_ago(15).isoformat(),
            guardian_name="王五",
            guardian_phone="13900000000",
            guardian_consent_date="2026-01-01",
            guardian_consent_form=SimpleUploadedFile("consent.pdf", PDF_BYTES),
        ),
    )
    assert VolunteerProfile.objects.get(user=person).is_active
