"""The profile page: see and edit one's own details; sign-in facts shown masked."""

import pytest
from wagtail.users.models import UserProfile

from accounts.models import User

pytestmark = pytest.mark.django_db

VALID = {
    "display_name": "老王",
    "real_name": "王小明",
    "preferred_language": "en",
    "large_text": "on",
}


def test_the_profile_page_needs_a_signed_in_person(client):
    response = client.get("/accounts/profile/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/accounts/profile/")


def test_the_profile_shows_masked_phone_and_links_to_account_settings(
    client, verified_user
):
    person = verified_user(phone="+8613812345678", phone_verified=True)
    client.force_login(person)
    html = client.get("/accounts/profile/").content.decode()
    assert "+86138****5678" in html
    assert "13812345678" not in html
    assert person.email in html
    for url in (
        "/accounts/email/",
        "/accounts/phone/change/",
        "/accounts/2fa/",
        "/accounts/data/export/",
        "/accounts/delete/",
    ):
        assert f'href="{url}"' in html
    for field in ("display_name", "real_name", "preferred_language", "large_text"):
        assert f'for="id_{field}"' in html
    assert html.count("<h1") == 1


def test_the_profile_links_to_notification_preferences_once_they_exist(
    client, verified_user
):
    from django.urls import NoReverseMatch, reverse

    client.force_login(verified_user())
    html = client.get("/accounts/profile/").content.decode()
    try:
        prefs_url = reverse("notifications:preferences")
    except NoReverseMatch:
        assert "Notification preferences" not in html
    else:
        assert f'href="{prefs_url}"' in html


def test_the_profile_says_how_the_real_name_is_shown_in_public(client, verified_user):
    client.force_login(verified_user(real_name="张三明"))
    html = client.get("/accounts/profile/").content.decode()
    assert "张*明" in html


def test_saving_the_profile_updates_the_person_and_wagtails_language(
    client, verified_user
):
    person = verified_user(display_name="old", large_text=False)
    client.force_login(person)
    response = client.post("/accounts/profile/", VALID)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.display_name == "老王"
    assert person.real_name == "王小明"
    assert person.preferred_language == "en"
    assert person.large_text is True
    assert UserProfile.get_for_user(person).preferred_language == "en"
    assert person.public_name == "老王"


def test_a_too_long_display_name_shows_an_error_and_saves_nothing(
    client, verified_user
):
    person = verified_user(display_name="old", real_name="", preferred_language="en")
    client.force_login(person)
    response = client.post(
        "/accounts/profile/",
        {**VALID, "display_name": "x" * 61, "preferred_language": "zh-hans"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ensure this value has at most 60 characters" in html
    assert 'aria-invalid="true"' in html
    assert 'role="alert"' in html
    fresh = User.objects.get(pk=person.pk)
    assert fresh.display_name == "old"
    assert fresh.real_name == ""
    assert fresh.preferred_language == "en"
    assert UserProfile.get_for_user(fresh).preferred_language == ""
    # The page header still shows the saved name, not the refused one.
    assert "x" * 61 not in html.split("<main")[0]


def test_an_unknown_language_shows_an_error_and_saves_nothing(client, verified_user):
    person = verified_user(preferred_language="en")
    client.force_login(person)
    response = client.post("/accounts/profile/", {**VALID, "preferred_language": "fr"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert User.objects.get(pk=person.pk).preferred_language == "en"
