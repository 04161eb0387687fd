"""A resident finds a notice by a Chinese word; a street officer follows a number."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import in_english, make_person, other_browser, sign_in
from tests.governance.notices import add_notice

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DIBAO = "关于调整城乡低保标准的通知"


def test_a_resident_searches_in_chinese_and_opens_the_notice(
    live_site, page, community
):
    add_notice(community, title=DIBAO, summary="自下月起调整。")
    add_notice(community, title="小区停水通知")
    add_notice(community, title="低保草稿", publish=False)

    in_english(page, live_site)
    page.goto(f"{live_site}/{community.slug}/")
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


def test_a_one_character_search_is_explained(live_site, page, community):
    in_english(page, live_site)
    page.goto(f"{live_site}/search/?q=低")
    expect(page.get_by_role("status").filter(has_text="at least two")).to_be_visible()


def test_a_street_officer_follows_a_dashboard_number_to_the_notices(
    live_site, browser, street, community
):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from communities import services
    from communities.models import Role
    from tests.factories import RoleGrantFactory

    other = services.create_community(
        street=street, name="和谐园社区", slug="hexieyuan", kind="community"
    )
    add_notice(community, title="幸福里的通知")
    add_notice(other, title="和谐园的第一条通知")
    add_notice(other, title="和谐园的第二条通知")
    officer = make_person(email="street.officer@example.org", display_name="街道干部")
    RoleGrantFactory(user=officer, role=Role.STREET_OFFICER, region=street)
    secret = generate_totp_secret()
    TOTP.activate(officer, secret)

    context = other_browser(browser)
    page = context.new_page()
    sign_in(page, live_site, officer.email, totp_secret=secret)
    page.get_by_role("link", name=street.name).first.click()
    page.get_by_role("navigation", name=f"{street.name} navigation").get_by_role(
        "link", name="Oversight"
    ).click()
    expect(
        page.get_by_role("heading", level=1, name=f"Oversight of {street.name}")
    ).to_be_visible()
    notices = page.get_by_role("region", name="Notices by community", exact=True)
    row = notices.get_by_role("row").filter(has_text="和谐园社区")
    row.get_by_role("link", name="2", exact=True).first.click()

    expect(page).to_have_url(re.compile(r"state=published&community=hexieyuan"))
    expect(page.get_by_role("link", name="和谐园的第一条通知")).to_be_visible()
    expect(page.get_by_role("link", name="和谐园的第二条通知")).to_be_visible()
    expect(page.get_by_text("幸福里的通知")).to_have_count(0)
    context.close()
