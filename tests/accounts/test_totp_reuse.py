"""A TOTP code that was just used is refused with a message to wait for the next one."""

import pytest
from django.core.cache import cache
from django.test import Client

from tests.support.accounts import PASSWORD, activate_totp, current_totp_code

pytestmark = pytest.mark.django_db

USED = "此验证码已使用过"


def code_step(person, language="zh-hans"):
    client = Client()
    client.cookies.load({"django_language": language})
    response = client.post(
        "/accounts/login/", {"login": person.email, "password": PASSWORD}
    )
    assert response["Location"].startswith("/accounts/2fa/authenticate/")
    return client, response["Location"]


def test_the_same_code_twice_says_it_was_used_and_to_wait(editor):
    cache.clear()
    code = current_totp_code(activate_totp(editor))
    first, path = code_step(editor)
    assert first.post(path, {"code": code}).status_code == 302

    second, path = code_step(editor)
    response = second.post(path, {"code": code})
    assert response.status_code == 200
    html = response.content.decode()
    assert USED in html
    assert "30" in html
    assert "_auth_user_id" not in second.session


def test_a_wrong_code_is_still_just_incorrect(editor):
    cache.clear()
    activate_totp(editor)
    client, path = code_step(editor)
    html = client.post(path, {"code": "000000"}).content.decode()
    assert USED not in html
    assert "验证码不正确" in html or "errorlist" in html
