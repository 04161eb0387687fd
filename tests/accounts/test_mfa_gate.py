"""TOTP two-factor: the activation page, the admin gate, and the admin's allauth login."""

from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from accounts.mfa import has_totp
from tests.support.accounts import (
    PASSWORD,
    activate_totp,
    current_totp_code,
    reauthenticate,
    sign_in,
)

pytestmark = pytest.mark.django_db

SETUP = "/accounts/2fa/totp/activate/"


def test_the_setup_url_setting_is_allauths_totp_activation_page(settings):
    assert settings.MFA_SETUP_URL == reverse("mfa_activate_totp") == SETUP


def test_activation_asks_for_the_password_again_first(client, verified_user):
    sign_in(client, verified_user())
    response = client.get(SETUP)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    page = client.get(response["Location"])
    assert 'class="site-header"' in page.content.decode()
    assert 'for="id_password"' in page.content.decode()


def test_the_activation_page_renders_in_the_site_layout(client, verified_user):
    sign_in(client, verified_user())
    reauthenticate(client)
    response = client.get(SETUP)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="site-header"' in html
    assert 'for="id_code"' in html
    assert "data:image/svg+xml" in html
    assert html.count("<h1") == 1


def test_a_person_activates_totp_with_a_code_from_their_app(client, verified_user):
    person = verified_user()
    sign_in(client, person)
    reauthenticate(client)
    client.get(SETUP)
    secret = client.session["mfa.totp.secret"]
    response = client.post(SETUP, {"code": current_totp_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(
        user=person, type=Authenticator.Type.TOTP
    ).exists()


def test_a_wrong_activation_code_shows_an_error_and_activates_nothing(
    client, verified_user
):
    person = verified_user()
    sign_in(client, person)
    reauthenticate(client)
    client.get(SETUP)
    response = client.post(SETUP, {"code": "000000x"})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Authenticator.objects.filter(user=person).exists()


@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/django-admin/"])
def test_a_signed_in_person_without_totp_is_sent_to_set_it_up(client, editor, path):
    client.force_login(editor)
    response = client.get(path)
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert target.path == SETUP
    assert parse_qs(target.query)["next"] == [path]


def test_an_admin_user_with_totp_reaches_the_wagtail_admin(client, editor):
    activate_totp(editor)
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 200


def test_has_totp_is_true_only_with_a_totp_authenticator(verified_user):
    person = verified_user()
    assert not has_totp(person)
    activate_totp(person)
    fresh = type(person).objects.get(pk=person.pk)
    assert has_totp(fresh)


def test_anonymous_admin_visit_ends_at_the_allauth_login_with_next_kept(client):
    response = client.get("/admin/", follow=True)
    final, _status = response.redirect_chain[-1]
    target = urlsplit(final)
    assert target.path == "/accounts/login/"
    assert parse_qs(target.query)["next"] == ["/admin/"]
    assert response.status_code == 200


def test_staff_sign_in_through_allauth_with_totp_and_reach_the_admin(client, editor):
    secret = activate_totp(editor)
    response = client.post(
        "/accounts/login/?next=/admin/",
        {"login": editor.email, "password": PASSWORD, "next": "/admin/"},
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/authenticate/")
    assert "_auth_user_id" not in client.session

    page = client.get(response["Location"])
    assert page.status_code == 200
    assert 'class="site-header"' in page.content.decode()

    done = client.post(response["Location"], {"code": current_totp_code(secret)})
    assert done.status_code == 302
    assert done["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_wrong_totp_code_at_sign_in_keeps_the_person_out(client, editor):
    activate_totp(editor)
    response = client.post(
        "/accounts/login/", {"login": editor.email, "password": PASSWORD}
    )
    wrong = client.post(response["Location"], {"code": "000000"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session
