"""A committee member publishes a notice from the work desk (工作台), on a phone, in
Chinese, without typing an address: the header's link opens the desk, "发布通知"
opens the Wagtail editor under the community's notice list, and the published
notice appears on the community's notices page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    ACTION_TIMEOUT_MS,
    make_committee_member,
    open_menu,
    sign_in,
)

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


def test_a_committee_member_publishes_a_notice_from_the_desk(
    live_site, browser, community
):
    member, secret = make_committee_member(
        community, email="gong.zuo@example.org", display_name="李委员"
    )
    member.preferred_language = "zh-hans"
    member.save()
    context = browser.new_context(locale="zh-CN", viewport=PHONE)
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    context.set_default_navigation_timeout(ACTION_TIMEOUT_MS * 2)
    page = context.new_page()
    sign_in(page, live_site, member.email, totp_secret=secret, english=False)

    # From the header to the desk, and from the desk into the editor.
    open_menu(page)
    page.locator("a[data-desk-link]").click()
    expect(page.get_by_role("heading", level=1, name="工作台")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="两委工作")).to_be_visible()
    page.get_by_role("link", name="发布通知").click()
    expect(page).to_have_url(re.compile(r"/admin/pages/add/governance/noticepage/"))

    # The Wagtail editor, in Chinese.
    page.locator("input[name='title']").fill("停水通知")
    page.locator("textarea[name='summary']").fill("明天上午九点至十二点停水。")
    body = page.locator(".Draftail-Editor [contenteditable='true']").first
    expect(body).to_be_visible()
    body.click()
    page.keyboard.type("请提前储水。")
    expect(body).to_contain_text("请提前储水。")
    # Draftail copies its content into the form's hidden input on its own schedule:
    # publish only once the text is there (a busy machine published an empty body).
    page.locator("input[name='title']").click()
    expect(page.locator("input[type='hidden'][value*='请提前储水']")).to_have_count(1)
    page.get_by_role("button", name=re.compile("更多动作|More actions")).click()
    page.locator("button[name='action-publish']").click()
    expect(page.get_by_text(re.compile("已创建并发布|published"))).to_be_visible()

    # Residents read it on the community's notices page.
    page.goto(f"{live_site}/{community.slug}/notices/")
    expect(page.get_by_role("link", name="停水通知")).to_be_visible()
    context.close()
