"""Sign up with email and password, confirm the email, and refused bad input."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from accounts.models import User
from tests.support.accounts import link_in

pytestmark = pytest.mark.django_db

GOOD = {
    "email": "new.person@example.org",
    "password1": "a-long-unusual-passphrase",
    "password2": "a-long-unusual-passphrase",
}


def test_signup_page_renders_inside_the_site_layout_with_labelled_fields(client):
    response = client.get("/accounts/signup/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="site-header"' in html
    assert '<main id="main"' in html
    assert html.count("<h1") == 1
    for field in ("id_email", "id_phone", "id_password1", "id_password2"):
        assert f'for="{field}"' in html


def test_signup_sends_a_confirmation_mail_whose_link_verifies_the_email(client):
    response = client.post("/accounts/signup/", GOOD)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    user = User.objects.get(email=GOOD["email"])
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [GOOD["email"]]

    link = link_in(mail.outbox[0].body)
    page = client.get(link)
    assert page.status_code == 200
    assert 'class="site-header"' in page.content.decode()
    confirmed = client.post(link)
    assert confirmed.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    # The browser that signed up is now signed in.
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_confirmed_person_signs_in_from_another_browser(client):
    from django.test import Client

    client.post("/accounts/signup/", GOOD)
    Client().post(link_in(mail.outbox[0].body))
    other = Client()
    response = other.post(
        "/accounts/login/", {"login": GOOD["email"], "password": GOOD["password1"]}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert "_auth_user_id" in other.session


def test_an_unverified_person_cannot_sign_in_by_password(client):
    client.post("/accounts/signup/", GOOD)
    client.logout()
    mail.outbox.clear()
    response = client.post(
        "/accounts/login/", {"login": GOOD["email"], "password": GOOD["password1"]}
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session
    assert len(mail.outbox) == 1


def test_signup_with_a_phone_number_stores_it_normalised(client, sms_outbox):
    client.post("/accounts/signup/", {**GOOD, "phone": "138 1234 5678"})
    user = User.objects.get(email=GOOD["email"])
    assert user.phone == "+8613812345678"
    assert not user.phone_verified


def test_signup_with_mismatched_passwords_shows_an_error_and_creates_no_user(client):
    response = client.post(
        "/accounts/signup/", {**GOOD, "password2": "something-else-entirely"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "You must type the same password each time." in html
    assert 'role="alert"' in html
    assert not User.objects.filter(email=GOOD["email"]).exists()
    assert mail.outbox == []


def test_signup_with_a_bad_phone_number_shows_an_error_and_creates_no_user(client):
    response = client.post("/accounts/signup/", {**GOOD, "phone": "12345"})
    assert response.status_code == 200
    assert "Enter a mainland China mobile number" in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    assert not User.objects.filter(email=GOOD["email"]).exists()


def test_signup_with_a_taken_email_creates_no_second_user(client, verified_user):
    verified_user(email=GOOD["email"])
    response = client.post("/accounts/signup/", GOOD)
    # allauth prevents account enumeration: the page looks like success, and the
    # owner of the address gets a mail saying an account already exists.
    assert response.status_code == 302
    assert User.objects.filter(email__iexact=GOOD["email"]).count() == 1
    assert len(mail.outbox) == 1
    assert "already" in mail.outbox[0].body


def test_signup_with_a_taken_phone_creates_no_user_and_tells_the_owner(
    client, verified_user, sms_outbox
):
    verified_user(phone="+8613812345678")
    response = client.post("/accounts/signup/", {**GOOD, "phone": "13812345678"})
    # Enumeration prevention: the flow looks the same, but nothing is created.
    assert response.status_code == 302
    assert not User.objects.filter(email=GOOD["email"]).exists()
    assert [m["phone"] for m in sms_outbox] == ["+8613812345678"]
    assert "already have an account" in sms_outbox[0]["message"]


def test_signup_with_an_empty_form_shows_errors_not_a_server_error(client):
    response = client.post("/accounts/signup/", {})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert User.objects.count() == 0


def test_signup_with_a_phone_verifies_the_phone_by_sms_then_the_email(
    client, sms_outbox
):
    response = client.post("/accounts/signup/", {**GOOD, "phone": "13812345678"})
    assert response["Location"] == "/accounts/phone/verify/"
    from tests.accounts.sms import last_code

    verified = client.post(
        "/accounts/phone/verify/", {"code": last_code("+8613812345678")}
    )
    assert verified.status_code == 302
    user = User.objects.get(email=GOOD["email"])
    assert user.phone_verified
    assert len(mail.outbox) == 1
    client.post(link_in(mail.outbox[0].body))
    assert EmailAddress.objects.get(user=user).verified
    assert client.session["_auth_user_id"] == str(user.pk)
