"""Every allauth page renders inside the site layout, with one h1 and labelled fields."""

import re

import pytest

from tests.support.accounts import reauthenticate, sign_in

pytestmark = pytest.mark.django_db

ANONYMOUS_PAGES = [
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/login/code/",
    "/accounts/password/reset/",
    "/accounts/password/reset/done/",
    "/accounts/confirm-email/",
]
SIGNED_IN_PAGES = [
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/phone/change/",
    "/accounts/2fa/",
    "/accounts/2fa/totp/activate/",
    "/accounts/logout/",
    "/accounts/3rdparty/",
    "/accounts/profile/",
    "/accounts/delete/",
]

INPUT = re.compile(r"<(input|select|textarea)\b([^>]*)>")


def _assert_in_layout(html: str) -> None:
    assert 'class="site-header"' in html
    assert '<main id="main"' in html
    assert 'class="site-footer"' in html
    assert html.count("<h1") == 1
    for _tag, attrs in INPUT.findall(html):
        if re.search(r'type="(hidden|submit|button)"', attrs):
            continue
        match = re.search(r'id="([^"]+)"', attrs)
        assert match, f"field without id: {attrs}"
        assert f'for="{match.group(1)}"' in html, f"field without label: {attrs}"


@pytest.mark.parametrize("path", ANONYMOUS_PAGES)
def test_anonymous_account_pages_use_the_site_layout(client, path):
    response = client.get(path)
    assert response.status_code == 200
    _assert_in_layout(response.content.decode())


@pytest.mark.parametrize("path", SIGNED_IN_PAGES)
def test_signed_in_account_pages_use_the_site_layout(client, verified_user, path):
    sign_in(client, verified_user())
    reauthenticate(client)
    response = client.get(path)
    assert response.status_code == 200, response.get("Location")
    _assert_in_layout(response.content.decode())


def test_account_settings_pages_share_a_labelled_navigation(client, verified_user):
    sign_in(client, verified_user())
    html = client.get("/accounts/email/").content.decode()
    assert 'aria-label="Account settings"' in html
    assert 'href="/accounts/email/" aria-current="page"' in html
