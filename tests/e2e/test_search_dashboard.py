"""A resident finds a notice by a Chinese word; a street officer follows a number.

One journey (one live site): the search and the dashboard read the same notices.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    in_english,
    make_person,
    open_menu,
    other_browser,
    sign_in,
)
from tests.support.governance_notices import add_notice

pytestmark = pytest.mark.django_db(transaction=True)

DIBAO = "关于调整城乡低保标准的通知"


def test_a_resident_finds_a_notice_and_a_street_officer_follows_a_number(
    live_site, page, browser, street, community
):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from communities import services
    from communities.models import Role
    from tests.factories import RoleGrantFactory

    other = services.create_community(
        street=street, name="和谐园社区", slug="hexieyuan", kind="community"
    )
    add_notice(community, title=DIBAO, summary="自下月起调整。")
    add_notice(community, title="小区停水通知")
    add_notice(community, title="低保草稿", publish=False)
    add_notice(other, title="和谐园的第一条通知")
    add_notice(other, title="和谐园的第二条通知")

    # A resident searches the community for 低保 and opens the notice.
    in_english(page, live_site)
    page.goto(f"{live_site}/{community.slug}/")
    open_menu(page)
    box = page.get_by_role("search", name=f"Search {community.name}")
    box.get_by_role("searchbox").fill("低保")
    box.get_by_role("button", name="Search").click()

    expect(page.get_by_role("heading", name="1 result for “低保”")).to_be_visible()
    result = page.get_by_role("link", name=DIBAO)
    expect(result.locator("mark")).to_have_text("低保")
    expect(page.get_by_text("低保草稿")).to_have_count(0)
    expect(page.get_by_text("小区停水通知")).to_have_count(0)
    result.click()
    expect(page.get_by_role("heading", level=1, name=DIBAO)).to_be_visible()
    expect(page.get_by_text("自下月起调整。")).to_be_visible()

    # One character is too short to search for, and the page says so.
    page.goto(f"{live_site}/search/?q=低")
    expect(page.get_by_role("status").filter(has_text="at least two")).to_be_visible()

    # The street officer opens the street's dashboard and follows a number.
    officer = make_person(email="street.officer@example.org", display_name="街道干部")
    RoleGrantFactory(
        user=officer, role=Role.STREET_OFFICER, community=None, region=street
    )
    secret = generate_totp_secret()
    TOTP.activate(officer, secret)

    context = other_browser(browser)
    desk = context.new_page()
    sign_in(desk, live_site, officer.email, totp_secret=secret)
    desk.get_by_role("link", name=street.name).first.click()
    open_menu(desk)
    desk.get_by_role("navigation", name=f"{street.name} navigation").get_by_role(
        "link", name="Oversight"
    ).click()
    expect(
        desk.get_by_role("heading", level=1, name=f"Oversight of {street.name}")
    ).to_be_visible()
    table = desk.get_by_role("region", name="Notices by community", exact=True)
    row = table.get_by_role("row").filter(has_text="和谐园社区")
    row.get_by_role("link", name="2", exact=True).first.click()

    expect(desk).to_have_url(re.compile(r"state=published&community=hexieyuan"))
    expect(desk.get_by_role("link", name="和谐园的第一条通知")).to_be_visible()
    expect(desk.get_by_role("link", name="和谐园的第二条通知")).to_be_visible()
    expect(desk.get_by_text("幸福里的通知")).to_have_count(0)
    expect(desk.get_by_text(DIBAO)).to_have_count(0)
    context.close()
