"""Sign in by password, or by a one-time code sent by email."""

import re

import pytest
from django.core import mail

from tests.support.accounts import PASSWORD

pytestmark = pytest.mark.django_db


def _code_in(body: str) -> str:
    match = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", body, re.MULTILINE)
    assert match, body
    return match.group(1)


def test_login_page_renders_in_the_site_layout_with_a_code_option(client):
    response = client.get("/accounts/login/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="site-header"' in html
    assert "Email or mobile phone" in html
    assert 'for="id_login"' in html
    assert 'for="id_password"' in html
    assert 'href="/accounts/login/code/"' in html


def test_a_verified_person_signs_in_by_password(client, verified_user):
    person = verified_user()
    response = client.post(
        "/accounts/login/", {"login": person.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session["_auth_user_id"] == str(person.pk)


def test_a_wrong_password_shows_an_error_and_signs_nobody_in(client, verified_user):
    person = verified_user()
    response = client.post(
        "/accounts/login/", {"login": person.email, "password": "nope"}
    )
    assert response.status_code == 200
    assert "not correct" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_person_signs_in_with_a_code_sent_by_email(client, verified_user):
    person = verified_user()
    response = client.post("/accounts/login/code/", {"email": person.email})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/code/confirm/")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [person.email]
    code = _code_in(mail.outbox[0].body)

    confirm = client.get(response["Location"])
    assert confirm.status_code == 200
    assert 'for="id_code"' in confirm.content.decode()

    done = client.post(response["Location"], {"code": code})
    assert done.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)


def test_a_wrong_code_shows_an_error_and_signs_nobody_in(client, verified_user):
    person = verified_user()
    response = client.post("/accounts/login/code/", {"email": person.email})
    wrong = client.post(response["Location"], {"code": "WRONG1"})
    assert wrong.status_code == 200
    assert 'aria-invalid="true"' in wrong.content.decode()
    assert "_auth_user_id" not in client.session


def test_requesting_a_code_with_a_malformed_email_shows_an_error(client):
    response = client.post("/accounts/login/code/", {"email": "not-an-email"})
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    assert mail.outbox == []


@pytest.mark.parametrize("data", [{}, {"email": "", "phone": ""}])
def test_asking_for_a_code_without_an_address_or_number_is_a_form_error(client, data):
    response = client.post("/accounts/login/code/", data)
    assert response.status_code == 200
    assert "Enter your e-mail address or mobile phone number." in (
        response.content.decode()
    )
    assert not mail.outbox
