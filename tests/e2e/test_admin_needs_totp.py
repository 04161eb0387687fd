"""A committee member without TOTP is sent from the admin to set it up first."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    PASSWORD,
    label,
    make_committee_member,
    sign_in,
    totp_code,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_committee_member_without_totp_opening_the_admin_sets_it_up_first(
    live_site, page, community
):
    member, _secret = make_committee_member(
        community, email="he.ping@example.org", with_totp=False
    )
    sign_in(page, live_site, member.email)

    page.goto(live_site + "/admin/")
    # allauth asks for the password again before any security change.
    expect(page.get_by_role("heading", level=1, name="Confirm Access")).to_be_visible()
    page.get_by_label(label("Password")).fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()

    expect(page).to_have_url(
        re.compile(r"/accounts/2fa/totp/activate/\?next=%2Fadmin%2F$")
    )
    expect(
        page.get_by_role("heading", level=1, name="Activate Authenticator App")
    ).to_be_visible()

    # The person adds the secret to their app and types the code it shows.
    secret = page.get_by_label(label("Authenticator secret")).input_value()
    page.get_by_label(label("Authenticator code")).fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    expect(page).not_to_have_url(re.compile(r"/totp/activate/"))

    page.goto(live_site + "/admin/")
    expect(page).to_have_url(live_site + "/admin/")
    expect(page.get_by_role("heading", name="Site summary")).to_be_visible()
