"""Password reset by an emailed link."""

import pytest
from django.core import mail

from tests.support.accounts import link_in

pytestmark = pytest.mark.django_db

NEW = "another-long-passphrase-2026"


def test_a_person_resets_their_password_by_the_emailed_link(client, verified_user):
    person = verified_user()
    page = client.get("/accounts/password/reset/")
    assert page.status_code == 200
    assert 'for="id_email"' in page.content.decode()

    response = client.post("/accounts/password/reset/", {"email": person.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = link_in(mail.outbox[0].body)

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    assert 'for="id_password1"' in form_page.content.decode()

    done = client.post(set_url, {"password1": NEW, "password2": NEW})
    assert done.status_code == 302
    person.refresh_from_db()
    assert person.check_password(NEW)


def test_mismatched_new_passwords_show_an_error_and_change_nothing(
    client, verified_user
):
    person = verified_user()
    client.post("/accounts/password/reset/", {"email": person.email})
    form_page = client.get(link_in(mail.outbox[0].body), follow=True)
    set_url = form_page.redirect_chain[-1][0]
    response = client.post(set_url, {"password1": NEW, "password2": NEW + "x"})
    assert response.status_code == 200
    assert "You must type the same password each time." in response.content.decode()
    person.refresh_from_db()
    assert not person.check_password(NEW)


def test_a_reset_link_with_a_bad_key_shows_a_page_not_a_server_error(client):
    response = client.get("/accounts/password/reset/key/1-bad-key/")
    assert response.status_code == 200
    assert 'class="site-header"' in response.content.decode()


def test_a_reset_for_an_unknown_address_reveals_nothing(client):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nobody@example.org"]
