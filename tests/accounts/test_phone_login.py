"""Phone numbers as an optional sign-in, with codes sent through the SMS sender."""

import logging

import pytest
from allauth.account.adapter import get_adapter
from django.core.exceptions import ValidationError

from accounts.phone import normalise_phone
from accounts.sms import LogSmsSender, send_sms
from tests.accounts.sms import last_code
from tests.support.accounts import PASSWORD

pytestmark = pytest.mark.django_db

PHONE = "+8613812345678"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("13812345678", PHONE),
        ("+8613812345678", PHONE),
        ("138 1234 5678", PHONE),
        ("138-1234-5678", PHONE),
        ("19912345678", "+8619912345678"),
    ],
)
def test_mainland_mobile_numbers_are_normalised_to_plus_86(typed, stored):
    assert normalise_phone(typed) == stored
    assert get_adapter().clean_phone(typed) == stored


@pytest.mark.parametrize(
    "typed",
    ["", "12345", "12812345678", "1381234567", "138123456789", "+8513812345678", "abc"],
)
def test_other_numbers_are_refused_with_a_clear_error(typed):
    with pytest.raises(ValidationError) as excinfo:
        normalise_phone(typed)
    assert "mainland China mobile number" in str(excinfo.value)


def test_the_local_sender_writes_the_message_to_the_log(settings, caplog):
    settings.SMS_SENDER = "accounts.sms.LogSmsSender"
    with caplog.at_level(logging.INFO, logger="gongzhi.sms"):
        send_sms(phone=PHONE, message="hello")
    assert "SMS to +8613812345678: hello" in caplog.text
    assert isinstance(LogSmsSender(), LogSmsSender)


def test_a_phone_user_requests_a_code_by_sms_and_signs_in_with_it(
    client, verified_user, sms_outbox
):
    person = verified_user(phone=PHONE, phone_verified=True)
    response = client.post("/accounts/login/code/", {"phone": "138 1234 5678"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/code/confirm/")
    assert [m["phone"] for m in sms_outbox] == [PHONE]

    done = client.post(response["Location"], {"code": last_code(PHONE)})
    assert done.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)


def test_a_phone_user_signs_in_with_phone_and_password(client, verified_user):
    person = verified_user(phone=PHONE, phone_verified=True)
    response = client.post(
        "/accounts/login/", {"login": "13812345678", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)


def test_requesting_a_code_for_a_malformed_number_shows_an_error(client, sms_outbox):
    response = client.post("/accounts/login/code/", {"phone": "12345"})
    assert response.status_code == 200
    assert "mainland China mobile number" in response.content.decode()
    assert sms_outbox == []


def test_a_new_phone_number_is_verified_by_code_before_it_counts(
    client, verified_user, sms_outbox
):
    person = verified_user()
    client.force_login(person)
    page = client.get("/accounts/phone/change/")
    assert page.status_code == 200
    assert 'class="site-header"' in page.content.decode()
    response = client.post("/accounts/phone/change/", {"phone": "13912345678"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/phone/verify/"
    person.refresh_from_db()
    assert person.phone is None

    verify = client.post(
        "/accounts/phone/verify/", {"code": last_code("+8613912345678")}
    )
    assert verify.status_code == 302
    person.refresh_from_db()
    assert person.phone == "+8613912345678"
    assert person.phone_verified
