"""The Django admin for people: email-based, no username."""

import pytest

from accounts.models import User

pytestmark = pytest.mark.django_db


def test_an_admin_adds_a_person_by_email(admin_client_with_totp):
    client, _admin = admin_client_with_totp
    page = client.get("/django-admin/accounts/user/add/")
    assert page.status_code == 200
    assert 'name="username"' not in page.content.decode()
    response = client.post(
        "/django-admin/accounts/user/add/",
        {
            "email": "added@example.org",
            "usable_password": "true",
            "password1": "a-long-unusual-passphrase",
            "password2": "a-long-unusual-passphrase",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert User.objects.get(email="added@example.org").check_password(
        "a-long-unusual-passphrase"
    )


def test_the_change_page_opens_for_a_person(admin_client_with_totp, user_factory):
    client, _admin = admin_client_with_totp
    person = user_factory(phone="+8613812345678")
    response = client.get(f"/django-admin/accounts/user/{person.pk}/change/")
    assert response.status_code == 200
    assert person.email in response.content.decode()


def test_adding_a_person_with_a_taken_email_saves_nothing(
    admin_client_with_totp, user_factory
):
    client, _admin = admin_client_with_totp
    user_factory(email="taken@example.org")
    response = client.post(
        "/django-admin/accounts/user/add/",
        {"email": "taken@example.org", "usable_password": "false"},
    )
    assert response.status_code == 200
    assert User.objects.filter(email="taken@example.org").count() == 1
