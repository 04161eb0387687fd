"""Wrong TOTP codes are limited per (address, account): someone who has only a staff
member's password cannot lock that staff member out, and the limit expires.

The test settings switch allauth's rate limits off; these tests switch them on with
allauth's defaults (`login_failed`: 10 a minute per address, 5 per 5 minutes per key).
"""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from tests.support.accounts import PASSWORD, activate_totp, current_totp_code

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.66"
STAFF = "198.51.100.7"
TOO_MANY = "Too many failed login attempts"


@pytest.fixture(autouse=True)
def rate_limits_on(settings):
    settings.ACCOUNT_RATE_LIMITS = {}  # allauth's defaults
    cache.clear()
    yield
    cache.clear()


def from_address(address):
    client = Client(REMOTE_ADDR=address)
    client.cookies.load({"django_language": "en"})
    return client


def password_step(client, person):
    response = client.post(
        "/accounts/login/", {"login": person.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/authenticate/")
    return response["Location"]


def wrong_codes(client, path, times):
    for _n in range(times):
        response = client.post(path, {"code": "000000"})
        assert response.status_code == 200
    return response


def test_wrong_codes_from_one_address_are_limited_there(editor):
    activate_totp(editor)
    attacker = from_address(ATTACKER)
    path = password_step(attacker, editor)
    assert TOO_MANY not in wrong_codes(attacker, path, 5).content.decode()
    refused = wrong_codes(attacker, path, 1)
    assert TOO_MANY in refused.content.decode()
    assert "_auth_user_id" not in attacker.session


def test_the_staff_member_signs_in_from_another_address_meanwhile(editor):
    secret = activate_totp(editor)
    attacker = from_address(ATTACKER)
    path = password_step(attacker, editor)
    assert TOO_MANY in wrong_codes(attacker, path, 8).content.decode()

    staff = from_address(STAFF)
    path = password_step(staff, editor)
    done = staff.post(path, {"code": current_totp_code(secret)})
    assert done.status_code == 302, done.content.decode()[:2000]
    assert staff.session["_auth_user_id"] == str(editor.pk)


def test_the_limit_expires_and_then_the_right_code_works_from_that_address(editor):
    secret = activate_totp(editor)
    client = from_address(ATTACKER)
    path = password_step(client, editor)
    wrong_codes(client, path, 5)
    assert TOO_MANY in client.post(path, {"code": "000000"}).content.decode()
    later = timezone.now() + datetime.timedelta(minutes=6)
    with time_machine.travel(later, tick=False):
        client = from_address(ATTACKER)
        path = password_step(client, editor)
        done = client.post(path, {"code": current_totp_code(secret)})
    assert done.status_code == 302, done.content.decode()[:2000]


def test_a_right_code_clears_the_count_for_that_address(editor):
    secret = activate_totp(editor)
    client = from_address(STAFF)
    path = password_step(client, editor)
    wrong_codes(client, path, 4)
    assert client.post(path, {"code": current_totp_code(secret)}).status_code == 302
    client.logout()
    path = password_step(client, editor)
    assert TOO_MANY not in wrong_codes(client, path, 5).content.decode()


def test_too_many_sign_in_attempts_from_one_address_answer_429(verified_user):
    person = verified_user()
    client = from_address(ATTACKER)
    statuses = [
        client.post(
            "/accounts/login/", {"login": person.email, "password": "wrong"}
        ).status_code
        for _n in range(31)
    ]
    assert statuses[-1] == 429
    assert set(statuses[:10]) == {200}
