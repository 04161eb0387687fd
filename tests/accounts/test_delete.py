"""Delete account: anonymise the person, remove sign-in methods, keep public records."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from django.contrib.sessions.models import Session
from django.test import Client
from wagtail.users.models import UserProfile

from accounts import personal_data
from accounts.models import User
from accounts.services import delete_account
from audit.models import AuditEvent
from tests.support.accounts import PASSWORD, activate_totp

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(verified_user):
    someone = verified_user(
        display_name="老王",
        real_name="王小明",
        phone="+8613812345678",
        phone_verified=True,
    )
    activate_totp(someone)
    SocialAccount.objects.create(user=someone, provider="weixin", uid="wx-1")
    return someone


def test_the_delete_page_asks_for_the_password(client, person):
    client.force_login(person)
    response = client.get("/accounts/delete/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'for="id_password"' in html
    assert 'name="confirmation"' not in html


def test_deleting_with_the_password_anonymises_and_signs_out(client, person):
    UserProfile.get_for_user(person)
    other_browser = Client()
    other_browser.force_login(person)
    client.force_login(person)
    response = client.post("/accounts/delete/", {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/deleted/"
    assert "_auth_user_id" not in client.session

    page = client.get("/accounts/deleted/")
    assert page.status_code == 200
    assert "Your account has been deleted" in page.content.decode()

    person.refresh_from_db()
    assert person.email == f"deleted-{person.pk}@invalid.local"
    assert person.display_name == ""
    assert person.real_name == ""
    assert person.phone is None
    assert not person.has_usable_password()
    assert person.is_active is False
    assert person.is_anonymised is True
    assert person.public_name == "former resident"
    assert not EmailAddress.objects.filter(user=person).exists()
    assert not Authenticator.objects.filter(user=person).exists()
    assert not SocialAccount.objects.filter(user=person).exists()
    assert not UserProfile.objects.filter(user=person).exists()
    assert not [
        s
        for s in Session.objects.all()
        if s.get_decoded().get("_auth_user_id") == str(person.pk)
    ]
    event = AuditEvent.objects.get(action="account.deleted")
    assert event.target_id == str(person.pk)
    assert "王" not in event.target_repr


def test_a_wrong_password_deletes_nothing(client, person):
    client.force_login(person)
    response = client.post("/accounts/delete/", {"password": "not-my-password"})
    assert response.status_code == 200
    assert "The password is not correct." in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    fresh = User.objects.get(pk=person.pk)
    assert fresh.email == person.email
    assert fresh.is_active and not fresh.is_anonymised
    assert EmailAddress.objects.filter(user=person).exists()
    assert not AuditEvent.objects.filter(action="account.deleted").exists()
    assert client.session["_auth_user_id"] == str(person.pk)


def test_a_passwordless_account_confirms_by_typing_the_phrase(client, verified_user):
    social_only = verified_user()
    social_only.set_unusable_password()
    social_only.save(update_fields=["password"])
    client.force_login(social_only)
    page = client.get("/accounts/delete/").content.decode()
    assert 'for="id_confirmation"' in page
    assert 'name="password"' not in page

    refused = client.post("/accounts/delete/", {"confirmation": "yes please"})
    assert refused.status_code == 200
    assert not User.objects.get(pk=social_only.pk).is_anonymised

    done = client.post("/accounts/delete/", {"confirmation": "delete my account"})
    assert done.status_code == 302
    assert User.objects.get(pk=social_only.pk).is_anonymised


def test_registered_anonymisers_run_inside_the_deletion(person):
    seen = []

    def anonymise(user):
        seen.append(user.pk)

    personal_data.register_anonymiser(anonymise)
    try:
        delete_account(user=person)
    finally:
        personal_data.unregister_anonymiser(anonymise)
    assert seen == [person.pk]


def test_a_failing_anonymiser_rolls_the_whole_deletion_back(person):
    def broken(user):
        raise RuntimeError("boom")

    personal_data.register_anonymiser(broken)
    try:
        with pytest.raises(RuntimeError):
            delete_account(user=person)
    finally:
        personal_data.unregister_anonymiser(broken)
    fresh = User.objects.get(pk=person.pk)
    assert not fresh.is_anonymised
    assert fresh.email == person.email
    assert EmailAddress.objects.filter(user=person).exists()
    assert Authenticator.objects.filter(user=person).exists()
    assert not AuditEvent.objects.filter(action="account.deleted").exists()


def test_the_deleted_address_can_sign_up_again(client, person):
    email = person.email
    delete_account(user=person)
    response = client.post(
        "/accounts/signup/",
        {
            "email": email,
            "password1": "a-long-unusual-pass",
            "password2": "a-long-unusual-pass",
        },
    )
    assert response.status_code == 302
    assert User.objects.filter(email=email).exclude(pk=person.pk).exists()


def test_the_confirmation_page_is_not_shown_without_a_deletion(client):
    response = client.get("/accounts/deleted/")
    assert response.status_code == 302
