"""A person's language sticks: the site and the Wagtail admin follow it."""

import pytest
from django.test import Client
from wagtail.users.models import UserProfile

from tests.support.accounts import activate_totp

pytestmark = pytest.mark.django_db


def test_the_site_defaults_to_simplified_chinese(verified_user):
    browser = Client()
    browser.force_login(verified_user(preferred_language="zh-hans"))
    html = browser.get("/accounts/profile/").content.decode()
    assert '<html lang="zh-hans"' in html


def test_choosing_english_on_the_profile_makes_the_next_page_english(verified_user):
    person = verified_user(preferred_language="zh-hans")
    browser = Client()
    browser.force_login(person)
    response = browser.post(
        "/accounts/profile/",
        {"display_name": "x", "real_name": "", "preferred_language": "en"},
        follow=True,
    )
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert "My profile" in html
    assert response.redirect_chain[-1][0] == "/accounts/profile/"
    assert "Your profile has been saved." in html


def test_switching_language_by_link_keeps_wagtail_in_step(verified_user):
    person = verified_user(preferred_language="zh-hans")
    browser = Client()
    browser.force_login(person)
    browser.get("/accounts/language/en/?next=/accounts/profile/")
    person.refresh_from_db()
    assert person.preferred_language == "en"
    assert UserProfile.get_for_user(person).preferred_language == "en"
    browser.get("/accounts/language/zh-hans/")
    assert UserProfile.get_for_user(person).preferred_language == "zh-hans"


def test_the_wagtail_admin_shows_in_the_persons_language(editor):
    activate_totp(editor)
    browser = Client()
    browser.force_login(editor)
    browser.get("/accounts/language/en/")
    assert 'lang="en"' in browser.get("/admin/").content.decode()
    browser.get("/accounts/language/zh-hans/")
    assert 'lang="zh-hans"' in browser.get("/admin/").content.decode()


def test_a_new_account_keeps_the_language_chosen_while_signing_up(client, db):
    from accounts.models import User

    client.get("/accounts/language/en/?next=/")
    response = client.post(
        "/accounts/signup/",
        {
            "email": "new.person@example.org",
            "password1": "a-long-unusual-passphrase",
            "password2": "a-long-unusual-passphrase",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(email="new.person@example.org").preferred_language == "en"


def test_a_chinese_visitor_gets_a_chinese_account(zh_client, db):
    from accounts.models import User

    zh_client.post(
        "/accounts/signup/",
        {
            "email": "zhang@example.org",
            "password1": "a-long-unusual-passphrase",
            "password2": "a-long-unusual-passphrase",
        },
    )
    assert User.objects.get(email="zhang@example.org").preferred_language == "zh-hans"
